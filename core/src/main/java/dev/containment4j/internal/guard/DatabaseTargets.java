/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import dev.containment4j.internal.guard.Paths.Place;
import dev.containment4j.internal.shell.Arg;
import dev.containment4j.internal.shell.Redirect;
import dev.containment4j.internal.shell.SimpleCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Destructive database work judged by what it destroys and <em>where</em>: the same {@code DELETE FROM orders} is
 * ordinary against a local test database and an incident against production. The target is read from what the
 * command names — a host ({@code -h}, {@code --host}), a connection URL ({@code postgres://}, {@code jdbc:},
 * {@code mongodb+srv://}, {@code redis://}), a database or file name, the environment it runs with
 * ({@code DATABASE_URL=…}, {@code RAILS_ENV=production}, {@code --env production}, {@code --settings=…production})
 * — and sorted into production (a name or host that says prod/production/prd/live), another machine, this machine
 * with a test or development name, this machine, or unknown (a variable the call never set). SQL clients
 * ({@code psql}, {@code mysql}, {@code mongosh}, {@code redis-cli}, {@code sqlite3} ...) and schema-migration tools
 * that drop or reset a database ({@code prisma migrate reset}, {@code rails db:drop}, {@code manage.py flush},
 * {@code flyway clean}, {@code liquibase dropAll} ...) are both judged here.
 */
final class DatabaseTargets {
  /** Where the work lands, from most to least dangerous. */
  enum Target {
    PRODUCTION, PRODUCTION_FILE, REMOTE, UNKNOWN, LOCAL, LOCAL_TEST
  }

  /** What was found: the kind of target and the word that says so (for the reason). */
  record Where(Target target, String evidence) {}

  private static final Pattern PROD_WORD = Pattern.compile("prod(uction)?\\d*|prd\\d*|live");
  private static final Pattern TEST_WORD = Pattern.compile("tests?|testing|dev|devel|develop|development|local"
      + "|ci|e2e|tmp|temp|scratch|sandbox|demo|example|fixtures?|spec");
  private static final Pattern WORD_SPLIT = Pattern.compile("[^a-z0-9]+");
  private static final Pattern CONN_URL = Pattern.compile("(?i)^(?:jdbc:)?([a-z][a-z0-9+.-]*)://(?:[^@/]*@)?"
      + "(\\[[^\\]]*\\]|[^/:?,;]*)(?::\\d+)?(?:[,;][^/]*)?(?:/([^?;]*))?.*$");
  private static final Pattern CONNINFO = Pattern.compile("(?i)\\b(host|hostaddr|dbname|server|database|data source)"
      + "\\s*=\\s*([^\\s;]+)");
  private static final Set<String> HOST_OPTS = Set.of("-h", "--host", "-H", "--hostname", "-S", "--server",
      "--url", "-url", "--uri", "-u", "--database-url", "--db-url", "--connection", "--conn", "-database");
  private static final Set<String> NAME_OPTS = Set.of("-d", "--dbname", "-D", "--database", "--db", "-n",
      "--env", "-e", "--environment", "--stage", "-s", "--settings", "--profile", "--context", "--contexts");
  private static final Set<String> USER_OPTS = Set.of("-U", "--username", "--user", "--port", "-P", "--password",
      "--authenticationDatabase", "-a", "--pass");
  /** Option values that are code, not names: {@code psql -c SQL}, {@code mongosh --eval JS}. */
  private static final Set<String> CODE_OPTS = Set.of("-c", "--command", "-e", "--execute", "--eval", "-q",
      "--query", "-Q", "-f", "--file");
  private static final Pattern ENV_KEY = Pattern.compile("(?i).*(_URL|_URI|_DSN|_HOST|HOST|_ENV|^ENV|ENVIRONMENT"
      + "|STAGE|SETTINGS_MODULE|DATABASE|_DB)$");

  // gates: every alternative names DROP or FLUSH; DROP, TRUNCATE, ({}, DELETE or UPDATE
  private static final GatedPattern DB_LEVEL = GatedPattern.of("\\bDROP (DATABASE|SCHEMA|KEYSPACE)\\b"
      + "|\\bFLUSHALL\\b|\\bFLUSHDB\\b|DROPDATABASE\\(|\\bDB\\.DROPDATABASE\\b", "drop", "flush");
  private static final GatedPattern GRANTS = GatedPattern.of(".*\\b(GRANT|ALTER USER|CREATE USER)\\b.*", "grant",
      "alter user", "create user");
  private static final GatedPattern TABLE_LEVEL = GatedPattern.of(
      "\\b(DROP TABLE|DROP COLUMNFAMILY|DROP COLLECTION|TRUNCATE)\\b"
      + "|\\.DROP\\(\\)|(DELETEMANY|REMOVE|UPDATEMANY)\\(\\{\\}"
      + "|\\bDELETE FROM [A-Z0-9_.\"`\\[\\]]+ ?(;|$|\"|')"
      + "|\\bUPDATE [A-Z0-9_.\"`\\[\\]]+ SET (?:(?!\\bWHERE\\b)[^;])*(;|$)"
      // a WHERE that holds for every row (WHERE 1=1, WHERE TRUE) is no WHERE
      + "|\\b(?:DELETE FROM [A-Z0-9_.\"`\\[\\]]+|UPDATE [A-Z0-9_.\"`\\[\\]]+ SET [^;]*?)"
      + " WHERE (?:1 ?= ?1|TRUE|'(\\w*)' ?= ?'\\5') ?(;|$|\"|')"
      // session 15: a column or partition dropped takes its data with it (constraints, indexes, defaults do not)
      + "|\\bALTER TABLE (?:IF EXISTS )?(?:ONLY )?[A-Z0-9_.\"`\\[\\]]+ DROP (?!(?:CONSTRAINT|INDEX|KEY|DEFAULT|NOT NULL"
      + "|PRIMARY KEY|FOREIGN KEY|CHECK|IDENTITY|EXPRESSION)\\b)",
      "drop", "truncate", "({}", "delete", "update");
  /**
   * Statements that change some rows: harmless on a test database, a data change in production. Schema changes that
   * keep the data ({@code ALTER TABLE … ADD COLUMN}) stay allowed, as in session 15.
   */
  private static final GatedPattern ROW_CHANGE = GatedPattern.of("\\b(?:DELETE FROM|UPDATE [A-Z0-9_.\"`\\[\\]]+ SET"
      + "|INSERT INTO|MERGE INTO)\\b|\\.(?:DELETE(?:ONE|MANY)|UPDATE(?:ONE|MANY)|REPLACEONE"
      + "|INSERT(?:ONE|MANY)?|REMOVE|FINDONEANDDELETE|FINDONEANDUPDATE|BULKWRITE)\\(",
      "delete", "update", "insert", "merge", "replace", "remove", "bulk");
  private static final Pattern DROPPED_DB = Pattern.compile("\\bDROP (?:DATABASE|SCHEMA|KEYSPACE) (?:IF EXISTS )?"
      + "[\"`\\[]?([A-Z0-9_.-]+)");

  /** Parts of a migration tool's command word that drop, empty or roll back a whole schema. */
  private static final Pattern RESET_PART = Pattern.compile("(?i)drop|dropall|reset|reset_db|purge|wipe|fresh"
      + "|flush|rollback|downgrade|down|undo|truncate|zero|refresh");
  private static final Pattern PART_SPLIT = Pattern.compile("[:._-]");
  private static final Set<String> MIGRATION_TOOLS = Set.of("prisma", "rails", "rake", "manage.py", "django-admin",
      "knex", "alembic", "flyway", "liquibase", "sequelize", "sequelize-cli", "artisan", "typeorm", "doctrine",
      "diesel", "goose", "migrate", "dbmate", "atlas", "drizzle-kit", "mikro-orm", "sqlx",
      "bin/rails", "bin/rake", "./bin/rails");

  /** Migration commands of a framework's own CLI: {@code dotnet ef database drop}, {@code flask db downgrade}. */
  private static final Set<String> FRAMEWORK_MIGRATIONS = Set.of("dotnet ef", "flask db");
  /** The programs of {@link #FRAMEWORK_MIGRATIONS}: only their calls can name one. */
  private static final Set<String> FRAMEWORK_PROGRAMS = FRAMEWORK_MIGRATIONS.stream()
      .map(m -> m.substring(0, m.indexOf(' '))).collect(Collectors.toUnmodifiableSet());

  private DatabaseTargets() {}

  /**
   * SQL that reaches past the database into its server's host or other servers: writing or reading the server's
   * files ({@code lo_export}, {@code INTO OUTFILE}, {@code COPY … TO '/…'}, {@code pg_read_file}), running programs
   * ({@code COPY … PROGRAM}, {@code xp_cmdshell}, untrusted procedural languages), loading code, querying other
   * servers ({@code dblink}, {@code OPENROWSET}). On a local server the files are the user's own home.
   */
  // every alternative ends in "(" or names INTO, COPY, LANGUAGE or xp_
  private static final GatedPattern SERVER_HOST = GatedPattern.of("(?i)\\b(?:lo_export|lo_import|pg_file_\\w+"
      + "|pg_read_file|pg_read_binary_file|pg_ls_dir|pg_stat_file|writefile|readfile|load_file|load_extension"
      + "|sys_exec|sys_eval|dblink\\w*|openrowset|opendatasource|openquery|utl_http\\.\\w+"
      + "|utl_file\\.\\w+)\\s*\\(|\\bINTO\\s+(?:OUTFILE|DUMPFILE)\\b"
      + "|(?<!\\\\)\\bCOPY\\b[^;]*?\\b(?:TO|FROM)\\s+(?:PROGRAM\\b|'/)"
      + "|\\bLANGUAGE\\s+'?(?:PLPYTHON3?U|PLPERLU|PLTCLU|C)\\b|\\bxp_cmdshell\\b|\\bEXEC(?:UTE)?\\s+(?:\\w+\\.\\.)?xp_\\w+",
      "(", "into", "copy", "language", "xp_");
  /** SQL that acts on the server itself: other sessions, its configuration, its log and replication state. */
  // every alternative ends in "(" or names ALTER, GLOBAL, KILL or SHUTDOWN
  private static final GatedPattern SERVER_STATE = GatedPattern.of("(?i)\\b(?:pg_terminate_backend|pg_cancel_backend"
      + "|pg_reload_conf|pg_rotate_logfile|pg_switch_wal|pg_promote|pg_create_restore_point|pg_stat_reset\\w*"
      + "|pg_(?:create|drop)_\\w*replication_slot)\\s*\\(|\\bALTER\\s+SYSTEM\\b|\\bSET\\s+GLOBAL\\b"
      + "|(?:^|;)\\s*(?:KILL\\s+(?:QUERY\\s+|CONNECTION\\s+)?\\d|SHUTDOWN\\b)",
      "(", "alter", "global", "kill", "shutdown");
  /** Functions a SELECT may call that change state or wait: sequences, settings, locks, sleeps, stored procedures. */
  // every alternative ends in "("
  private static final GatedPattern STATEFUL_CALL = GatedPattern.of("(?i)\\b(?:nextval|setval|set_config|pg_sleep\\w*"
      + "|pg_advisory\\w*|sleep|benchmark|get_lock|release_lock|sp_\\w+|dbms_\\w+(?:\\.\\w+)?)\\s*\\(", "(");

  /**
   * Whether SQL does more than read rows: used where only a plain read may pass without a human (an MCP tool that
   * runs one query). Statements that write are judged elsewhere; this is the part a {@code SELECT} can hide.
   */
  static boolean actsBeyondReading(String sql) {
    return SERVER_HOST.find(sql) || SERVER_STATE.find(sql) || STATEFUL_CALL.find(sql);
  }

  /** Tools that copy a whole database out of its server. */
  private static final Set<String> DUMPERS = Set.of("pg_dump", "pg_dumpall", "mysqldump", "mariadb-dump",
      "mysqlpump", "mydumper", "mongodump", "mongoexport");

  /**
   * A dump of a database on production or on another machine: its rows (customer records, tokens in tables) end up
   * in a file here, outside the controls of the server. A local or test database's dump stays ordinary.
   */
  static Judgement dump(Unit u, Classifier c) {
    if (!DUMPERS.contains(u.name()) && !(u.name().equals("redis-cli") && u.argv().contains("--rdb"))) {
      return Judgement.ALLOW;
    }
    Where w = clientTarget(u, c, "");
    if (w.target() != Target.PRODUCTION && w.target() != Target.REMOTE) {
      return Judgement.ALLOW;
    }
    return Judgement.ask(Classifier.INFRA, u.shown() + " copies the data of the database " + w.evidence() + " ("
        + (w.target() == Target.PRODUCTION ? "production" : "another machine") + ") to this machine; a human must"
        + " confirm that this data may leave its server");
  }

  /** A SQL client's call: {@code database()} of the classifier. */
  static Judgement client(Unit u, Classifier c) {
    String sql = sqlText(u);
    return rows(u, c, sql).max(server(u, c, sql));
  }

  /** What the statements do to the server's host and state, beyond its rows. */
  private static Judgement server(Unit u, Classifier c, String sql) {
    if (SERVER_HOST.find(sql)) {
      return Judgement.ask(Classifier.SYSTEM, u.shown() + " has the database server read or write files, run"
          + " programs or reach other servers (lo_export, INTO OUTFILE, COPY … PROGRAM, dblink …); on this machine"
          + " those are the user's own files, so a human must confirm");
    }
    if (SERVER_STATE.find(sql)) {
      Where w = clientTarget(u, c, sql);
      if (w.target() != Target.LOCAL_TEST && w.target() != Target.LOCAL) {
        return Judgement.ask(Classifier.INFRA, u.shown() + " ends other sessions or changes the configuration of"
            + " the database server " + w.evidence() + "; on a shared server that is an outage, so a human must"
            + " confirm");
      }
    }
    return Judgement.ALLOW;
  }

  private static Judgement rows(Unit u, Classifier c, String sql) {
    boolean dbLevel = DB_LEVEL.find(sql);
    boolean tableLevel = !dbLevel && TABLE_LEVEL.find(sql);
    boolean grants = GRANTS.matches(sql);
    if (!dbLevel && !tableLevel) {
      if (grants) {
        return Judgement.ask(Classifier.WEAKEN, u.shown() + " grants database permissions");
      }
      Judgement redis = u.name().equals("redis-cli") ? redis(u, c, sql) : null;
      if (redis != null) {
        return redis;
      }
      if (ROW_CHANGE.find(sql) && clientTarget(u, c, sql).target() == Target.PRODUCTION) {
        // session 20: rows deleted or rewritten in production, however few, are production data changed
        return Judgement.ask(Classifier.INFRA, u.shown() + " deletes or changes rows in a database named like"
            + " production; a human must confirm the change");
      }
      String unseen = unseenStatements(u);
      if (unseen == null) {
        return Judgement.ALLOW;
      }
      Where w = clientTarget(u, c, sql);
      return w.target() == Target.PRODUCTION || w.target() == Target.REMOTE
          ? Judgement.ask(Classifier.INFRA, u.shown() + " runs statements from " + unseen + " against " + w.evidence()
              + (w.target() == Target.PRODUCTION ? ", which is named like production" : ", a database on another"
              + " machine") + "; the guard cannot read them (a dump or script may drop and replace tables), so a"
              + " human must confirm")
          : Judgement.ALLOW;
    }
    Where w = clientTarget(u, c, sql);
    String what = dbLevel ? "drops or empties a whole database" : "deletes tables, empties them or changes every"
        + " row";
    switch (w.target()) {
      case PRODUCTION:
        return Judgement.deny(Classifier.INFRA, u.shown() + " " + what + " on " + w.evidence() + ", which is named"
            + " like production; destroying production data is the user's decision. Run it against a local or"
            + " test database, or ask the user to run it");
      case PRODUCTION_FILE:
        return Judgement.ask(Classifier.INFRA, u.shown() + " " + what + " in " + w.evidence() + ", a database file"
            + " named like production; a human must confirm it is a disposable copy");
      case REMOTE:
        return dbLevel
            ? Judgement.deny(Classifier.INFRA, u.shown() + " " + what + " on " + w.evidence() + ", a database on"
                + " another machine; only the user may do that")
            : Judgement.ask(Classifier.INFRA, u.shown() + " " + what + " on " + w.evidence() + ", a database on"
                + " another machine; a human must confirm it is not shared or production data");
      case UNKNOWN:
        return dbLevel
            ? Judgement.deny(Classifier.INFRA, u.shown() + " " + what + " on a database only known at run time ("
                + w.evidence() + "); name a local or test database explicitly")
            : Judgement.ask(Classifier.INFRA, u.shown() + " " + what + " on a database only known at run time ("
                + w.evidence() + "); a human must confirm which database it is");
      case LOCAL_TEST:
        // a local test or development database (or a database file in the workspace): ordinary work
        return Judgement.ALLOW;
      default:
        // this machine, but not named for tests: a whole database stays denied, a table asks
        return dbLevel
            ? Judgement.deny(Classifier.INFRA, u.shown() + " " + what + " on " + w.evidence() + " on this machine,"
                + " whose name does not say it is for tests or development; only the user may drop it")
            : Judgement.ask(Classifier.INFRA, u.shown() + " " + what + " on " + w.evidence() + " on this machine,"
                + " whose name does not say it is for tests or development; a human must confirm the data may go");
    }
  }

  /** Redis commands that change or remove data, or the server's own configuration. */
  private static final Pattern REDIS_WRITE = Pattern.compile("(?i)del|unlink|flushdb|flushall|set|mset|setex|getdel"
      + "|expire|pexpire|rename|hdel|hset|lrem|ltrim|srem|zrem|zremrangebyscore|eval|evalsha|script|function"
      + "|config|shutdown|debug|migrate|slaveof|replicaof|module|acl|restore|swapdb|move|copy");
  /**
   * {@code redis-cli}: {@code CONFIG SET dir|dbfilename} makes the server write its dump where it is told (a cron
   * file, {@code authorized_keys}: the classic takeover), denied anywhere; other writes ask unless the server is a
   * local one.
   */
  private static Judgement redis(Unit u, Classifier c, String sql) {
    if (Regexes.matches(sql, ".*\\bCONFIG ; SET ; (DIR|DBFILENAME)\\b.*")
        || Regexes.matches(sql, ".*\\bCONFIG SET (DIR|DBFILENAME)\\b.*")) {
      return Judgement.deny(Classifier.PERSIST, u.shown() + " points the Redis server's dump file at another"
          + " directory or name, which writes files (cron jobs, authorized_keys) with the server's rights");
    }
    List<String> argv = u.argv();
    String command = null;
    for (int k = 1; k < argv.size(); k++) {
      String t = argv.get(k);
      if (t.startsWith("-")) {
        if (Regexes.matches(t, "-[hpansu]|--user|--pass|--pattern|--count|-r|-i|--cacert|--cert|--key")) {
          k++;
        }
        continue;
      }
      command = t;
      break;
    }
    if (command == null || !REDIS_WRITE.matcher(command).matches()) {
      return null;
    }
    Where w = clientTarget(u, c, sql);
    return w.target() == Target.LOCAL || w.target() == Target.LOCAL_TEST ? Judgement.ALLOW
        : Judgement.ask(Classifier.INFRA, u.shown() + " changes or removes data (" + command + ") on the Redis server "
            + w.evidence() + (w.target() == Target.UNKNOWN ? "" : ", not a local one") + "; a human must confirm it"
            + " is not shared or production data");
  }

  /**
   * Where the client reads statements the guard cannot see: {@code -f FILE}, {@code < FILE} (not a here-doc), or
   * arguments from standard input ({@code xargs}); null when every statement is on the command line.
   */
  private static String unseenStatements(Unit u) {
    List<String> argv = u.argv();
    for (int k = 1; k < argv.size(); k++) {
      String t = argv.get(k);
      if ((t.equals("-f") || t.equals("--file") || t.equals("-i") && u.name().startsWith("psql")) && k + 1 < argv.size()
          && !argv.get(k + 1).equals("-")) {
        return argv.get(k + 1);
      }
      if (t.startsWith("--file=")) {
        return t.substring(7);
      }
    }
    for (Redirect r : u.command().redirects()) {
      if (r.op().equals("<") && r.target() != null) {
        return r.target().text();
      }
    }
    if (u.name().endsWith("restore") || u.name().endsWith("import")) {
      return "a dump (" + u.name() + " replaces or adds whole tables and collections)";
    }
    return u.argsFromStdin() ? "standard input (xargs)" : null;
  }

  /** Whether a word such as {@code db:drop}, {@code migrate:fresh}, {@code ecto.reset} drops or resets a schema. */
  private static boolean resets(String word) {
    return word.equalsIgnoreCase("db:schema:load") || anyPart(word, RESET_PART);
  }

  /** Whether a part of a command word between {@code :}, {@code .}, {@code _} or {@code -} is one {@code part} names. */
  private static boolean anyPart(String word, Pattern part) {
    for (String p : PART_SPLIT.split(word)) {
      if (part.matcher(p).matches()) {
        return true;
      }
    }
    return false;
  }

  /** A migration tool resetting, dropping or rolling back a schema on production or another machine. */
  static Judgement migration(Unit u, Classifier c) {
    List<String> argv = u.argv();
    boolean tool = false;
    boolean reset = false;
    boolean framework = FRAMEWORK_PROGRAMS.contains(u.name());
    for (String x : argv) {
      String b = Unit.baseName(x);
      if (MIGRATION_TOOLS.contains(b) || MIGRATION_TOOLS.contains(x)
          || framework && FRAMEWORK_MIGRATIONS.contains(u.name() + " " + x)) {
        tool = true;
      } else if (x.startsWith("ecto.") && resets(x) || tool && x.equals("clean") && argv.contains("flyway")) {
        // mix ecto.drop / ecto.reset; flyway clean drops every object of the schema
        tool = true;
        reset = true;
      } else if (tool && !x.startsWith("-") && x.indexOf('=') < 0 && resets(x)) {
        reset = true;
      } else if (tool && (x.equals("--force-reset") || x.equals("--accept-data-loss"))) {
        reset = true;
      } else if (tool && x.equals("--force") && argv.contains("drizzle-kit") && argv.contains("push")) {
        reset = true; // drizzle-kit push --force applies data-loss statements without asking
      }
    }
    if (tool && !reset && applies(argv)) {
      // session 18: a forward migration or seed on production changes its schema or data as surely as a reset
      // does, only without losing rows; deploying schema changes is the release process's step, not the agent's
      Where w = settingsTarget(u, c);
      return w.target() == Target.PRODUCTION ? Judgement.ask(Classifier.INFRA, u.shown() + " applies migrations"
          + " or seeds to " + w.evidence() + ", which is named like production; changing a production schema is"
          + " the user's decision. Run it against a local or test database, or ask the user") : Judgement.ALLOW;
    }
    if (!tool || !reset) {
      return Judgement.ALLOW;
    }
    Where w = settingsTarget(u, c);
    if (w.target() == Target.PRODUCTION) {
      return Judgement.deny(Classifier.INFRA, u.shown() + " drops, resets or rolls back the schema of "
          + w.evidence() + ", which is named like production; that destroys production data. Run it against a"
          + " local or test database, or ask the user");
    }
    if (w.target() == Target.REMOTE) {
      return Judgement.ask(Classifier.INFRA, u.shown() + " drops, resets or rolls back the schema of the database on "
          + w.evidence() + ", another machine; a human must confirm it is not shared data");
    }
    if (w.target() == Target.LOCAL && wholeSchema(argv)) {
      // no environment named: the tool's configured database, which may hold the user's data; dropping it to get
      // past a failing migration is the over-eager fix (a step back, `db:rollback`, stays ordinary)
      return Judgement.ask(Classifier.INFRA, u.shown() + " drops or resets the whole schema of the database the tool"
          + " is configured for, and the call does not say it is a test or development database; a human must"
          + " confirm its data may go (or name it: RAILS_ENV=test, --env test, DATABASE_URL=…/app_test)");
    }
    return Judgement.ALLOW;
  }

  /** Parts of a migration tool's command word that apply migrations or load seed data. */
  private static final Pattern APPLY_PART = Pattern.compile("(?i)migrate|upgrade|deploy|up|apply|push|seed|load");

  /** Whether the migration command applies migrations or seeds (db:migrate, migrate deploy, upgrade head). */
  private static boolean applies(List<String> argv) {
    for (String x : argv) {
      if (!x.startsWith("-") && x.indexOf('=') < 0 && x.indexOf('/') < 0 && anyPart(x, APPLY_PART)) {
        return true;
      }
    }
    return false;
  }

  private static final Pattern WHOLE_PART = Pattern.compile("(?i)drop|dropall|reset|reset_db|purge|wipe|fresh"
      + "|flush|truncate|clean|zero|refresh");

  /** Whether the migration command throws the whole schema away, not one step of it. */
  private static boolean wholeSchema(List<String> argv) {
    for (int k = 0; k < argv.size(); k++) {
      String x = argv.get(k);
      if (x.startsWith("-")) {
        if (x.equals("--force-reset") || x.equals("--accept-data-loss") || x.equals("--all")
            || x.equals("--force") && argv.contains("drizzle-kit")) {
          return true;
        }
        continue;
      }
      // db:migrate:undo:all (sequelize), migrate:rollback --all: every migration undone
      if (x.equalsIgnoreCase("db:schema:load") || x.equals("downgrade") && argv.contains("base")
          || x.endsWith(":undo:all")) {
        return true;
      }
      if (x.indexOf('=') < 0 && x.indexOf('/') < 0 && anyPart(x, WHOLE_PART)) {
        return true;
      }
    }
    return false;
  }

  /** {@code wrangler d1 execute DB --remote --command SQL}: Cloudflare's SQL database, local unless --remote. */
  static Judgement d1(Unit u) {
    List<String> argv = u.argv();
    if (!u.name().equals("wrangler") || !argv.contains("d1") || !argv.contains("execute")) {
      return Judgement.ALLOW;
    }
    String sql = Regexes.compiled("\\s+").matcher(String.join(" ", argv).toUpperCase(Locale.ROOT)).replaceAll(" ");
    boolean dbLevel = DB_LEVEL.find(sql);
    if (!dbLevel && !TABLE_LEVEL.find(sql)) {
      return Judgement.ALLOW;
    }
    String db = argv.get(argv.indexOf("execute") + 1 < argv.size() ? argv.indexOf("execute") + 1 : 0);
    if (hasWord(db, PROD_WORD)) {
      return Judgement.deny(Classifier.INFRA, u.shown() + " deletes tables or rows of the D1 database " + db
          + ", which is named like production; destroying production data is the user's decision");
    }
    return argv.contains("--remote") ? Judgement.ask(Classifier.INFRA, u.shown() + " deletes tables or rows of the"
        + " deployed D1 database " + db + "; a human must confirm it is not shared data") : Judgement.ALLOW;
  }

  /** The SQL or commands the client runs: its words, here-doc bodies and what is piped into it, upper case. */
  private static String sqlText(Unit u) {
    // each word, here-doc body and piped-in word is its own segment, ended like a statement: `DELETE FROM t`
    // followed by the database name is still a delete of every row
    StringBuilder text = new StringBuilder(String.join(" ; ", u.argv()));
    for (Redirect r : u.command().redirects()) {
      if (r.body() != null) {
        text.append(" ; ").append(r.body());
      }
    }
    for (SimpleCommand up : u.command().pipeline().upstreamOf(u.command())) {
      text.append(" ; ").append(String.join(" ; ", up.argv()));
    }
    if (u.code() != null) {
      text.append(" ; ").append(u.code());
    }
    return Regexes.compiled("\\s+").matcher(text.toString().toUpperCase(Locale.ROOT)).replaceAll(" ");
  }

  private static Where clientTarget(Unit u, Classifier c, String sql) {
    List<String> hosts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    boolean unknown = false;
    String file = null;
    List<Arg> params = u.params();
    boolean sqlite = u.name().startsWith("sqlite") || u.name().equals("duckdb");
    for (int k = 0; k < params.size(); k++) {
      Arg a = params.get(k);
      String t = a.text();
      if (CODE_OPTS.contains(t) && !HOST_OPTS.contains(t) && !(u.name().equals("redis-cli") && t.equals("-u"))) {
        k++;
        continue;
      }
      if ((USER_OPTS.contains(t) || t.equals("-u") && !u.name().equals("redis-cli")
          || t.equals("-p") && k + 1 < params.size() && Regexes.matches(params.get(k + 1).text(), "\\d+"))
          && k + 1 < params.size()) {
        k++; // a user name or port says nothing about the data
        continue;
      }
      if (HOST_OPTS.contains(t) && k + 1 < params.size()) {
        Arg v = params.get(++k);
        unknown |= v.dynamic() && v.text().isEmpty();
        names.addAll(v.refs());
        addHostOrUrl(v.text(), hosts, names);
        continue;
      }
      if (NAME_OPTS.contains(t) && k + 1 < params.size()) {
        Arg v = params.get(++k);
        names.add(v.text());
        names.addAll(v.refs());
        continue;
      }
      int eq = t.indexOf('=');
      if (t.startsWith("--") && eq > 0) {
        String opt = t.substring(0, eq);
        String val = t.substring(eq + 1);
        if (HOST_OPTS.contains(opt)) {
          addHostOrUrl(val, hosts, names);
        } else if (NAME_OPTS.contains(opt)) {
          names.add(val);
        }
        continue;
      }
      if (t.startsWith("-")) {
        continue;
      }
      names.addAll(a.refs());
      if (a.dynamic() && (t.isEmpty() || t.startsWith("$"))) {
        unknown = true;
        continue;
      }
      if (t.contains("://") || t.startsWith("jdbc:") || CONNINFO.matcher(t).find()) {
        addHostOrUrl(t, hosts, names);
      } else if (sqlite && file == null) {
        file = t;
      } else if (!t.contains(" ") && u.name().equals("cqlsh") && hosts.isEmpty()) {
        hosts.add(t.toLowerCase(Locale.ROOT));
      } else if (!t.contains(" ")) {
        names.add(t);
      }
    }
    for (Map.Entry<String, String> e : u.env().entrySet()) {
      if (ENV_KEY.matcher(e.getKey()).matches() || e.getKey().startsWith("PG") || e.getKey().startsWith("MYSQL")) {
        addHostOrUrl(e.getValue(), hosts, names);
        names.add(e.getValue());
      }
    }
    Matcher dropped = DROPPED_DB.matcher(sql);
    while (dropped.find()) {
      names.add(dropped.group(1).toLowerCase(Locale.ROOT));
    }
    if (file != null) {
      names.add(file);
    }
    Where w = classify(hosts, names, unknown);
    if (file != null && !file.equals(":memory:")) {
      Path p = c.resolveWord(file, u.cwd());
      Set<Place> pl = p == null ? Set.of(Place.UNKNOWN) : c.placesOf(p);
      boolean near = pl.contains(Place.INSIDE_WORKSPACE) || pl.contains(Place.TMP);
      if (w.target() == Target.PRODUCTION) {
        return near ? new Where(Target.PRODUCTION_FILE, file) : w;
      }
      if (pl.contains(Place.CREDENTIAL) || pl.contains(Place.UNKNOWN)) {
        return new Where(Target.UNKNOWN, file);
      }
      // a database file in the workspace is a workspace file: the agent may as well delete it
      return near ? new Where(Target.LOCAL_TEST, "the workspace file " + file)
          : new Where(Target.REMOTE, p + " outside the workspace");
    }
    if (file != null && file.equals(":memory:")) {
      return new Where(Target.LOCAL_TEST, "an in-memory database");
    }
    return w;
  }

  /** The database a migration tool works on, from its environment and options. */
  private static Where settingsTarget(Unit u, Classifier c) {
    List<String> hosts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    boolean unknown = false;
    List<Arg> params = u.params();
    for (int k = 0; k < params.size(); k++) {
      String t = params.get(k).text();
      int eq = t.indexOf('=');
      if ((HOST_OPTS.contains(t) || NAME_OPTS.contains(t)) && k + 1 < params.size()) {
        String v = params.get(++k).text();
        addHostOrUrl(v, hosts, names);
        names.add(v);
      } else if (eq > 0) {
        // --url=jdbc:..., -x db_url=postgres://..., RAILS_ENV=production as a rake argument
        String key = t.substring(0, eq).replaceFirst("^-+", "");
        String v = t.substring(eq + 1);
        if (HOST_OPTS.contains("--" + key) || HOST_OPTS.contains("-" + key) || NAME_OPTS.contains("--" + key)
            || ENV_KEY.matcher(key.toUpperCase(Locale.ROOT)).matches()) {
          addHostOrUrl(v, hosts, names);
          names.add(v);
        }
      }
    }
    for (Map.Entry<String, String> e : u.env().entrySet()) {
      if (ENV_KEY.matcher(e.getKey()).matches()) {
        addHostOrUrl(e.getValue(), hosts, names);
        names.add(e.getValue());
      }
    }
    for (Arg p : params) {
      // --url "$PROD_DATABASE_URL": the value is unknown here, its variable's name is not
      for (String ref : p.refs()) {
        if (ENV_KEY.matcher(ref).matches()) {
          names.add(ref.toLowerCase(Locale.ROOT));
        }
      }
    }
    return classify(hosts, names, unknown);
  }

  private static void addHostOrUrl(String v, List<String> hosts, List<String> names) {
    if (v == null || v.isEmpty()) {
      return;
    }
    Matcher m = CONN_URL.matcher(v);
    if (m.matches()) {
      hosts.add(m.group(2).toLowerCase(Locale.ROOT));
      if (m.group(3) != null) {
        names.add(m.group(3));
      }
      return;
    }
    Matcher ci = CONNINFO.matcher(v);
    boolean found = false;
    while (ci.find()) {
      found = true;
      String key = ci.group(1).toLowerCase(Locale.ROOT);
      if (key.startsWith("host") || key.equals("server") || key.equals("data source")) {
        hosts.add(ci.group(2).toLowerCase(Locale.ROOT));
      } else {
        names.add(ci.group(2));
      }
    }
    if (!found && !v.contains(" ") && !v.contains("=")) {
      hosts.add(v.toLowerCase(Locale.ROOT));
    }
  }

  static Where classify(List<String> hosts, List<String> names, boolean unknown) {
    for (String h : hosts) {
      if (hasWord(h, PROD_WORD)) {
        return new Where(Target.PRODUCTION, h);
      }
    }
    for (String n : names) {
      if (hasWord(n, PROD_WORD)) {
        return new Where(Target.PRODUCTION, n);
      }
    }
    for (String h : hosts) {
      if (!h.isEmpty() && !Classifier.isLocal(h) && !h.startsWith("/") && h.indexOf('.') >= 0
          && !h.equals("127.0.0.1")) {
        return new Where(Target.REMOTE, h);
      }
    }
    if (unknown) {
      return new Where(Target.UNKNOWN, "a variable");
    }
    for (String n : names) {
      if (hasWord(n, TEST_WORD)) {
        return new Where(Target.LOCAL_TEST, n);
      }
    }
    for (String h : hosts) {
      if (hasWord(h, TEST_WORD)) {
        return new Where(Target.LOCAL_TEST, h);
      }
    }
    return new Where(Target.LOCAL, hosts.isEmpty() ? "the local database server" : hosts.get(0));
  }

  /** Whether one word of {@code text} (split at everything but letters and digits) matches {@code word}. */
  /** Whether a database or container name says production: {@code prod-db}, {@code postgres-prd2}, {@code live}. */
  static boolean productionName(String name) {
    return hasWord(name, PROD_WORD);
  }

  /** A program that copies a whole database out of its server ({@link #dump}). */
  static boolean dumper(String program) {
    return DUMPERS.contains(program);
  }

  static boolean hasWord(String text, Pattern word) {
    for (String w : WORD_SPLIT.split(text.toLowerCase(Locale.ROOT))) {
      if (!w.isEmpty() && word.matcher(w).matches()) {
        return true;
      }
    }
    return false;
  }

}
