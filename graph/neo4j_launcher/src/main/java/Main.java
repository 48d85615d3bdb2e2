// Neo4j Community 5.26 embedded, serving Bolt on 127.0.0.1 for unionkg.
//
// Usage: java --add-opens=... -cp 'classes:lib/*' Main --data DIR --port N [--pagecache-mb N]
// The password (if any) is read from the environment variable UNIONKG_NEO4J_PASSWORD, never
// from the command line, so that it does not show up in `ps`. Without it auth is disabled
// (the embedded default). With it auth is enabled and the password of user neo4j is set on
// every start (so the environment always wins). SIGTERM shuts the database down cleanly.
// Prints "unionkg-neo4j ready bolt://127.0.0.1:N" once Bolt listens.

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

public final class Main {
    private Main() {}

    private static void usage(String why) {
        System.err.println("unionkg-neo4j: " + why);
        System.err.println("usage: Main --data DIR --port N [--pagecache-mb N]");
        System.exit(2);
    }

    public static void main(String[] args) throws Exception {
        Path data = null;
        int port = 7687;
        long pagecacheMb = 512;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) usage("missing value for " + a);
            String v = args[++i];
            switch (a) {
                case "--data": data = Path.of(v).toAbsolutePath(); break;
                case "--port": port = Integer.parseInt(v); break;
                case "--pagecache-mb": pagecacheMb = Long.parseLong(v); break;
                default: usage("unknown option " + a);
            }
        }
        if (data == null) usage("--data is required");
        String password = System.getenv("UNIONKG_NEO4J_PASSWORD");
        boolean auth = password != null && !password.isEmpty();
        if (auth && password.length() < 8) usage("the password must have at least 8 characters");

        SocketAddress bolt = new SocketAddress("127.0.0.1", port);
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(data)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, bolt)
                // neo4j:// routing hands clients the advertised address: make it the one we listen on
                // ("localhost" may resolve to ::1, where nothing listens).
                .setConfig(GraphDatabaseSettings.default_advertised_address, new SocketAddress("127.0.0.1"))
                .setConfig(BoltConnector.advertised_address, bolt)
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, auth)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pagecacheMb))
                // Small machines and CI disks: do not reserve whole log files up front.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("unionkg-neo4j stopping");
            System.out.flush();
            try {
                dbms.shutdown();
            } finally {
                stopped.countDown();
                System.out.println("unionkg-neo4j stopped");
                System.out.flush();
            }
        }, "unionkg-neo4j-shutdown"));

        if (auth) {
            GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
            try {
                system.executeTransactionally(
                        "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
            } catch (RuntimeException e) {
                // Re-setting the current password is refused; that is the normal restart case.
                String msg = String.valueOf(e.getMessage());
                if (!msg.contains("Old password and new password cannot be the same")) {
                    System.err.println("unionkg-neo4j: cannot set the password: " + msg);
                    System.exit(1);
                }
            }
        }
        // Make sure the default database is up before we say we are ready.
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).isAvailable(60_000);
        System.out.println("unionkg-neo4j ready bolt://127.0.0.1:" + port + " auth=" + auth);
        System.out.flush();
        stopped.await();
    }
}
