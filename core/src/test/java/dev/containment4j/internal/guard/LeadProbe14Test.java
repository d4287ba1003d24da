/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import static dev.containment4j.internal.guard.DefaultPolicyCases.assertAllowed;
import static dev.containment4j.internal.guard.DefaultPolicyCases.assertBlocked;

import org.junit.jupiter.api.Test;

/**
 * What the lead's session-14 probe of infrastructure commands found allowed: a ZooKeeper tree removed with
 * {@code deleteall}, a Kafka topic or consumer group deleted with the tool's {@code --delete} flag, and a production
 * database dumped from inside its container ({@code docker exec prod-db pg_dumpall}). Each with the twins that must
 * stay ordinary. And a production delete or update whose WHERE holds for every row ({@code WHERE 1=1}) passed as a
 * targeted one.
 */
class LeadProbe14Test {

  @Test
  void recursiveRemovalsAndDeleteFlagsOfToolsWithoutAModelAsk() {
    for (String cmd : new String[] {"zookeeper-shell localhost:2181 deleteall /brokers",
        "zkCli.sh -server zk1:2181 rmr /config", "kafka-topics --bootstrap-server kafka.prod:9092 --delete --topic orders",
        "kafka-consumer-groups.sh --bootstrap-server kafka:9092 --delete --group billing"}) {
      assertBlocked(cmd, "infra-destruction");
    }
    for (String cmd : new String[] {"zookeeper-shell localhost:2181 ls /brokers",
        "kafka-topics --bootstrap-server localhost:9092 --list", "kafka-topics --bootstrap-server kafka:9092"
        + " --describe --topic orders", "rsync -a --delete src/ build/", "tar --delete -f archive.tar old.txt",
        "git branch --delete feature/x"}) {
      assertAllowed(cmd);
    }
  }

  @Test
  void aProductionDatabaseDumpedInsideItsContainerAsks() {
    for (String cmd : new String[] {"docker exec prod-db pg_dumpall -U postgres > dump.sql",
        "docker exec -i mysql_production mysqldump app > app.sql", "podman exec -u postgres db-prd2 pg_dump app",
        "docker compose exec prod-postgres pg_dump -U app app"}) {
      assertBlocked(cmd, "infra-destruction");
    }
    for (String cmd : new String[] {"docker exec dev-db pg_dump -U app app > dev.sql",
        "docker exec -it myapp-db-1 psql -U postgres", "docker exec prod-web ls /app",
        "docker exec -e PGPASSWORD=x productivity-db pg_dump app", "docker --debug --help"}) {
      assertAllowed(cmd);
    }
  }

  @Test
  void aWhereThatHoldsForEveryRowIsNoWhere() {
    for (String cmd : new String[] {"PGHOST=pg.prd.acme.net psql -d app -c 'DELETE FROM users WHERE 1=1'",
        "psql -h db.prod.acme.net -d app -c \"UPDATE users SET admin = true WHERE 'a'='a'\"",
        "mysql -h mysql.prod.acme.net app -e 'DELETE FROM orders WHERE TRUE'"}) {
      assertBlocked(cmd, "infra-destruction");
    }
    for (String cmd : new String[] {"psql -h db.prod.acme.net -d app -c 'SELECT * FROM users WHERE 1=1'",
        "psql -d app -c 'DELETE FROM sessions WHERE expires_at < now()'",
        "psql -h localhost -d app_test -c 'DELETE FROM users WHERE 1=1'"}) {
      assertAllowed(cmd);
    }
  }
}
