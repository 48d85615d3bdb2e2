"""Recognition of organisations, persons, posts and affiliations, through the public
extractor, on articles written for these tests (tests/articles/recognition/, one per
trap family and language: id, ms, en, vi) and on the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

from unionkg.graph.ids import document_id, fold
from unionkg.graph.model import Document, Extraction
from unionkg.ingest.pipeline import default_extractor

ARTICLES = Path(__file__).parent / "articles" / "recognition"
SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / "000_fc8a9707533804be.txt"


def extract(name: str) -> Extraction:
    text = (ARTICLES / name).read_text(encoding="utf-8")
    return default_extractor().extract(Document(document_id(text), name, text))


class View:
    """Facts of an extraction, looked up by any printed name (folded)."""

    def __init__(self, x: Extraction) -> None:
        self.x = x
        self.by_id = {e.id: e for e in x.entities}

    def entity(self, type_: str, name: str):
        key = fold(name)
        hits = [e for e in self.x.entities if e.type == type_ and key in {fold(n) for n in [e.name, *e.aliases]}]
        return hits[0] if hits else None

    def org(self, name: str):
        return self.entity("Organization", name)

    def person(self, name: str):
        return self.entity("Person", name)

    def posts(self, person: str) -> set[tuple[str, str]]:
        p = self.person(person)
        assert p is not None, f"no person {person!r}"
        return {(r.role, fold(self.by_id[r.target].name)) for r in self.x.relations
                if r.type == "HOLDS_POSITION" and r.source == p.id}

    def post(self, person: str, role: str, org: str):
        p, o = self.person(person), self.org(org)
        assert p is not None, f"no person {person!r}"
        assert o is not None, f"no organisation {org!r}"
        for r in self.x.relations:
            if r.type == "HOLDS_POSITION" and r.source == p.id and r.target == o.id and r.role == role:
                return r
        return None

    def affiliated(self, member: str, parent: str) -> bool:
        m, p = self.org(member), self.org(parent)
        assert m is not None and p is not None, (member, parent)
        return any(r.type == "AFFILIATED_WITH" and r.source == m.id and r.target == p.id for r in self.x.relations)


@pytest.fixture(scope="module")
def seed() -> View:
    if not SEED.exists():
        pytest.skip("the seed article is not available")
    text = SEED.read_text(encoding="utf-8")
    return View(default_extractor().extract(Document(document_id(text), str(SEED), text)))


def test_seed_posts_affiliation_and_misspelling(seed: View) -> None:
    assert seed.post("Andi Gani Nena Wea", "president", "ASEAN TUC")
    assert seed.post("Andi Gani Nena Wea", "president", "KSPSI")
    assert seed.post("Nguyen Dinh Khang", "president", "VGCL")
    khang = seed.person("Nguyen Dinh Khang")
    assert "Khan" in khang.aliases and "Khang" in khang.aliases  # "Khan" is a misspelling of Khang
    assert seed.person("Khan").id == khang.id
    assert seed.post("Idris Palar", "vice_president", "KSPSI")
    fed = "Federasi Serikat Pekerja Informal dan Migran KSPSI"
    assert seed.post("Wiliam Yani", "general_chair", fed)
    assert seed.affiliated(fed, "KSPSI")
    # VGCL departments are units of VGCL; a staff member without a title is a member
    assert seed.affiliated("IR Department", "VGCL")
    assert seed.post("Hoang Thu Hang", "member", "General Affairs Department")
    assert seed.post("Nguyen Van Bac", "director", "General Affairs Department")
    assert seed.post("Ha Thi Phuong Thao", "deputy_director", "General Affairs Department")


def test_every_fact_has_evidence_inside_the_text(seed: View) -> None:
    text = SEED.read_text(encoding="utf-8")
    for item in [*seed.x.entities, *seed.x.relations]:
        assert item.evidence, item
        for ev in item.evidence:
            assert 0 <= ev.start < ev.end <= len(text)
            assert text[ev.start:ev.end] == ev.text


def test_id_congress_elected_officers_terms_and_second_post() -> None:
    v = View(extract("id-federasi-kongres.txt"))
    fed = "Federasi Serikat Pekerja Pelabuhan dan Logistik"
    assert v.org("FSP2L").id == v.org(fed).id  # acronym introduced in parentheses, then alone
    rudi = v.post("Rudi Hartono", "general_chair", fed)
    assert rudi and rudi.title == "Ketua Umum DPP" and (rudi.start, rudi.end) == ("2026", "2031")
    assert v.org("DPP") is None  # the central board is part of the title
    assert v.post("Rudi Hartono", "deputy_secretary_general", "KSBM")  # "yang juga menjabat sebagai"
    assert v.post("Dewi Kartika", "secretary_general", fed)
    assert v.post("Yanto Saputra", "treasurer", fed)
    for name in ("Agus Salim", "Rahmat Hidayat", "Lina Marlina"):  # one title, a list of names
        assert v.post(name, "deputy_chair", fed), name
    former = v.post("Slamet Widodo", "general_chair", fed)  # "Rudi menggantikan Slamet Widodo"
    assert former and former.attrs.get("former") is True and former.end
    joko = v.post("Joko Susilo", "president", "KSBM")  # "mantan Presiden KSBM"
    assert joko and joko.attrs.get("former") is True
    assert ("advisor", fold(fed)) not in v.posts("Joko Susilo")  # "akan menjadi penasihat": not yet a post
    assert v.affiliated(fed, "KSBM") and v.affiliated(fed, "ITF")
    assert v.affiliated("Departemen Advokasi", "KSBM")
    assert v.post("Maria Ulfa", "member", "Biro Hukum FSP2L")  # "dari <unit>"
    bambang = v.person("Bambang Sutejo")  # "Ir. H. Bambang Sutejo, M.Si."
    assert bambang.name == "Bambang Sutejo" and bambang.attrs["honorific"] == "Ir. H."
    assert v.post("Bambang Sutejo", "head", "Dinas Tenaga Kerja Kota Surabaya")
    assert v.org("PHK") is None  # an acronym in parentheses after a common noun
    assert "Rudi" in v.person("Rudi Hartono").aliases


def test_id_delegation_lists_acting_units_and_member_lists() -> None:
    v = View(extract("id-delegasi-kunjungan.txt"))
    rohana = v.person("Siti Rohana")
    assert rohana.attrs["honorific"] == "Dr. Hj." and "Rohana" in rohana.aliases
    assert v.post("Siti Rohana", "president", "KSBM")
    # titles without an organisation in a list led by "Presiden KSBM ..." belong to KSBM
    assert v.post("Bonifasius Lewa", "secretary_general", "KSBM")
    assert v.post("Fajar Nugraha", "other", "KSBM")
    assert v.post("Meas Sophea", "head", "Biro Internasional CLC")
    assert v.affiliated("Biro Internasional CLC", "CLC")
    acting = v.post("Yosef Taolin", "head", "Departemen Pendidikan KSBM")
    assert acting and acting.attrs.get("acting") and acting.title.startswith("Plt.")
    assert v.affiliated("KSBM", "ITUC")
    assert v.affiliated("FSPGI", "KSBM") and v.affiliated("SBPN", "KSBM")  # "anggota KSBM, antara lain A dan B"
    assert v.org("K3") is None
    assert not v.posts("Hendra Wijaya")  # an ambassador: no body named
    assert v.person("Republik Indonesia") is None


def test_ms_election_patronymics_deputy_minister_and_branches() -> None:
    v = View(extract("ms-kesatuan-mesyuarat.txt"))
    union = "Kesatuan Kebangsaan Pekerja-Pekerja Perladangan"
    assert v.org("NUPW").id == v.org(union).id
    z = v.post("Zulkifli bin Ahmad", "president", union)
    assert z and (z.start, z.end) == ("2026", "2029")
    assert v.person("Zulkifli bin Ahmad").attrs["honorific"] == "Tuan Haji"
    assert v.post("Zulkifli bin Ahmad", "vice_president", "MTUC")  # "yang juga Naib Presiden MTUC"
    assert v.post("Ramasamy a/l Krishnan", "president", union).attrs.get("former")
    assert v.post("Noraini binti Hassan", "secretary_general", union)
    assert v.post("Tan Wei Ming", "treasurer", union)
    # "Timbalan Menteri Sumber Manusia": a deputy minister (role other) of the ministry the portfolio names
    assert v.post("Kamaruddin Yusof", "other", "Kementerian Sumber Manusia")
    assert v.person("Kamaruddin Yusof").attrs["honorific"] == "Dato' Sri Dr"
    assert v.post("Muthu a/l Raman", "chair", "NUPW Bahagian Selangor")
    assert v.affiliated("NUPW Bahagian Selangor", union)
    assert v.affiliated(union, "MTUC")  # "merupakan ahli gabungan MTUC"
    assert v.affiliated("Jawatankuasa Belia NUPW", union)


def test_ms_two_language_name_and_committee_member() -> None:
    v = View(extract("ms-mou-serantau.txt"))
    lftu = v.org("LFTU")
    assert lftu is not None and lftu.id == v.org("Persekutuan Kesatuan Sekerja Laos").id
    assert lftu.id == v.org("Lao Federation of Trade Unions").id
    assert v.post("Khamphone Sisavath", "vice_president", "LFTU")
    assert v.post("Ahmad Fadzil Osman", "secretary_general", "MTUC")
    assert v.post("Lee Chong Wei", "director", "Jabatan Perhubungan Perusahaan Malaysia")
    assert v.post("Kavitha a/p Subramaniam", "member", "Jawatankuasa Wanita MTUC")
    assert v.affiliated("Jawatankuasa Wanita MTUC", "MTUC")
    assert v.person("Pemuda") is None


def test_en_congress_second_post_former_and_affiliate() -> None:
    v = View(extract("en-union-congress.txt"))
    nftw = "National Federation of Transport Workers"
    marites = v.person("Marites dela Paz")
    assert marites.attrs["honorific"] == "Atty." and "Dela Paz" in marites.aliases
    assert v.post("Marites dela Paz", "president", nftw)
    assert v.post("Marites dela Paz", "vice_president", "TUCP")  # "who is also a Vice President of"
    out = v.post("Reynaldo B. Santos", "president", nftw)  # "replacing outgoing president"
    assert out and out.attrs.get("former")
    assert v.post("Jun Villareal", "secretary_general", nftw)  # "Also elected were X as ..."
    assert v.post("Grace Tolentino", "treasurer", nftw)
    assert v.affiliated(nftw, "TUCP")  # "an affiliate of the TUCP"


def test_en_possessives_witnesses_and_short_forms() -> None:
    v = View(extract("en-singapore-union.txt"))
    union = "Food, Drinks and Allied Workers Union"
    assert v.post("Goh Kian Seng", "secretary_general", union)
    assert v.post("Aisha Rahman", "director", "Orchid Bay Hotels")  # "Orchid Bay Hotels' Director of People"
    assert v.post("Wendy Tan Hui Min", "other", "NTUC")  # Assistant Secretary-General: role other
    assert "Tan" in v.person("Wendy Tan Hui Min").aliases  # Chinese name: the short form is the surname
    assert v.post("Rajesh Kumar", "member", "Industrial Relations Department")  # "of NTUC's ... Department"
    assert v.affiliated("Industrial Relations Department", "NTUC")
    assert v.post("Goh Kian Seng", "chair", "NTUC Youth Committee")  # "who is also chairman of"
    assert v.affiliated(union, "NTUC")  # "FDAWU, an NTUC affiliate"


def test_vi_congress_boards_former_and_lists() -> None:
    v = View(extract("vi-cong-doan-nganh.txt"))
    gtvt = "Công đoàn Giao thông Vận tải Việt Nam"
    vgcl = "Tổng Liên đoàn Lao động Việt Nam"
    assert v.post("Trần Thanh Tùng", "vice_president", vgcl)
    assert v.post("Nguyễn Thị Lan", "deputy_head", "Ban Tổ chức")
    assert v.affiliated("Ban Tổ chức", vgcl)  # "Ban Tổ chức Tổng Liên đoàn"
    assert v.post("Lê Văn Hải", "other", "Bộ Giao thông Vận tải")  # Thứ trưởng
    assert v.post("Phạm Quốc Bảo", "president", gtvt)
    assert v.post("Phạm Quốc Bảo", "member", vgcl).title == "Ủy viên Ban Chấp hành"
    assert v.org("Ban Chấp hành") is None
    for name in ("Vũ Đình Nam", "Đặng Minh Khoa"):  # "các ông A, B giữ chức Phó Chủ tịch"
        assert v.post(name, "vice_president", gtvt), name
    assert v.post("Hoàng Văn Thắng", "president", gtvt).attrs.get("former")  # "Nguyên Chủ tịch"
    assert "Nguyên" not in v.person("Nguyễn Thị Lan").aliases
    assert v.affiliated(gtvt, vgcl)  # "trực thuộc"
    assert v.org("Minh Khoa") is None


def test_vi_two_language_name_and_side_marker_units() -> None:
    v = View(extract("vi-hop-tac-quoc-te.txt"))
    clc = v.org("CLC")
    assert clc is not None and clc.id == v.org("Liên đoàn Lao động Campuchia").id
    assert clc.id == v.org("Cambodian Labour Confederation").id
    vgcl = "Tổng Liên đoàn Lao động Việt Nam"
    assert v.org("Tổng LĐLĐ Việt Nam").id == v.org(vgcl).id
    assert v.post("Sok Vannara", "president", "CLC")
    assert v.post("Ngọ Duy Hiểu", "vice_president", vgcl)
    assert "Hiểu" in v.person("Ngọ Duy Hiểu").aliases
    assert v.post("Trần Thị Hoa", "head", "Ban Đối ngoại")
    assert v.affiliated("Ban Đối ngoại", vgcl)  # named after "Về phía Tổng LĐLĐ Việt Nam"
    assert v.person("Đinh Văn Phúc").attrs["honorific"] == "PGS.TS"


def _snippet(text: str) -> View:
    return View(default_extractor().extract(Document(document_id(text), "snippet", text)))


def test_minister_titles_name_their_ministry() -> None:
    v = _snippet("Jakarta - Menteri Ketenagakerjaan (Menaker) Yassierli menerima Presiden KSPI Said Iqbal.")
    assert v.post("Yassierli", "minister", "Kementerian Ketenagakerjaan")  # single name, title abbreviated
    assert v.post("Said Iqbal", "president", "KSPI")
    v = _snippet("KUALA LUMPUR - Human Resources Minister Steven Sim said the ministry would act.")
    assert v.post("Steven Sim", "minister", "Kementerian Sumber Manusia")  # portfolio before the title
    v = _snippet("MANILA - DOLE Secretary Bienvenido Laguesma met TUCP President Raymond Mendoza on Monday.")
    assert v.post("Bienvenido Laguesma", "minister", "DOLE")
    assert v.post("Raymond Mendoza", "president", "TUCP")


def test_unspaced_scripts_find_known_bodies() -> None:
    v = _snippet("ข่าว\n\nกรุงเทพฯ - องค์การแรงงานระหว่างประเทศ ประชุมกับ กระทรวงแรงงาน วันนี้")
    refs = {e.attrs.get("reference") for e in v.x.entities if e.type == "Organization"}
    assert {"org-ref-ilo", "org-ref-mol-th"} <= refs


def test_titles_joined_and_listed_before_one_name() -> None:
    v = _snippet("Jakarta - Presiden Partai Buruh sekaligus Presiden KSPI Said Iqbal hadir. "
                 "Ketua Umum KSPSI dan Presiden ASEAN TUC Andi Gani Nena Wea juga hadir.")
    assert v.post("Said Iqbal", "president", "KSPI") and v.post("Said Iqbal", "president", "Partai Buruh")
    assert v.post("Andi Gani Nena Wea", "general_chair", "KSPSI")
    assert v.post("Andi Gani Nena Wea", "president", "ASEAN TUC")
    v = _snippet("Hà Nội - Ông Nguyễn Đình Khang - Ủy viên Trung ương Đảng, Chủ tịch Tổng LĐLĐ Việt Nam phát biểu.")
    assert v.posts("Nguyễn Đình Khang") == {("president", fold("Tổng Liên đoàn Lao động Việt Nam"))}
    assert v.person("Trung") is None
    # a title with no name of its own is not given to the next name after a comma
    v = _snippet("Penandatanganan dilakukan Wakil Presiden KSPSI Hendrik Sitompul, yang mewakili Presiden KSPSI, "
                 "dan Presiden CLC Sok Vannara.")
    assert v.posts("Sok Vannara") == {("president", fold("Cambodian Labour Confederation"))}
    assert v.posts("Hendrik Sitompul") == {("vice_president", fold("Konfederasi Serikat Pekerja Seluruh Indonesia"))}


def test_filipino_person_markers_and_of_chains() -> None:
    v = _snippet("MAYNILA - Ayon sa pangulo ng TUCP na si Raymond Mendoza, kulang ang dagdag-sahod. "
                 "Sinabi naman ni Josua Mata, pangkalahatang kalihim ng SENTRO, na lalahok sila.")
    assert v.post("Raymond Mendoza", "president", "TUCP")
    assert v.post("Josua Mata", "secretary_general", "SENTRO")


def test_possessive_pronoun_and_also_joined_titles() -> None:
    v = _snippet("SINGAPORE - The Singapore Industrial and Services Employees' Union (SIEU) said its general "
                 "secretary, Mr Ahmad Hussain, would meet employers. Ms Mary Liew, NTUC president, agreed.")
    assert v.post("Ahmad Hussain", "secretary_general", "SIEU")
    assert v.post("Mary Liew", "president", "NTUC")
    v = _snippet("JAKARTA - Presiden Konfederasi Serikat Pekerja Indonesia (KSPI) yang juga Presiden Partai Buruh, "
                 "Said Iqbal, menyatakan mogok nasional akan digelar.")
    assert v.post("Said Iqbal", "president", "KSPI") and v.post("Said Iqbal", "president", "Partai Buruh")
    v = _snippet("TP.HCM - Ngày 5/6, Liên đoàn Lao động TP.HCM tổ chức hội nghị. Bà Nguyễn Thị Bích Thủy, "
                 "Phó Chủ tịch Liên đoàn Lao động TP.HCM cho biết sẽ hỗ trợ công nhân.")
    assert v.post("Nguyễn Thị Bích Thủy", "vice_president", "Liên đoàn Lao động TP.HCM")


def test_branches_regions_and_portfolios_after_a_minister_title() -> None:
    v = _snippet("MEDAN - Ketua DPD KSPSI Jawa Tengah, Budi Santoso, hadir. Ketua DPD KSPSI Sumatera Utara Ahmad "
                 "Rizal juga hadir bersama Menteri Pengangkutan Anthony Loke.")
    assert v.post("Budi Santoso", "chair", "KSPSI Jawa Tengah")
    assert v.affiliated("KSPSI Jawa Tengah", "KSPSI")  # a provincial branch
    assert v.post("Ahmad Rizal", "chair", "KSPSI Sumatera Utara")
    assert v.person("Sumatera Utara") is None and v.person("Jawa Tengah") is None
    assert v.person("Anthony Loke") is not None and not v.posts("Anthony Loke")  # no ministry named


def test_unknown_acronym_after_a_title_is_a_body() -> None:
    v = _snippet("Jakarta - Presiden KSPN Ristadi menolak rencana itu.")
    assert v.post("Ristadi", "president", "KSPN")  # an Indonesian single name
    v = _snippet("Hà Nội - Dự hội nghị có Chủ tịch LĐLĐ tỉnh Bình Dương Nguyễn Văn Lộc.")
    assert v.post("Nguyễn Văn Lộc", "president", "LĐLĐ tỉnh Bình Dương")


def test_possessive_titles_take_the_previous_subject() -> None:
    v = _snippet("KUALA LUMPUR, 10 Oct 2026 -- The Congress of Unions of Employees in the Public and Civil Services "
                 "(CUEPACS) welcomed the budget. Its president, Datuk Adnan Mat, said civil servants would benefit.")
    assert v.post("Adnan Mat", "president", "CUEPACS")
    v = _snippet("KUALA LUMPUR: Kesatuan Pekerja-Pekerja Keretapi Tanah Melayu (RUM) hari ini menyerahkan memorandum. "
                 "Presidennya, Abdul Razak Md Hassan, berkata lebih 3,000 ahli terjejas.")
    assert v.post("Abdul Razak Md Hassan", "president", "RUM")


def test_places_buildings_and_laws_are_not_persons() -> None:
    v = _snippet("JAKARTA - Aksi digelar di Jalan Sudirman yang macet. Bank Negara said rates would rise. "
                 "Hari Buruh Internasional yang jatuh pada 1 Mei dirayakan. Presiden KSPI Said Iqbal hadir.")
    assert [e.name for e in v.x.entities if e.type == "Person"] == ["Said Iqbal"]
