/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Application code run against production from a framework's console: {@code rails runner 'User.delete_all' -e
 * production}, {@code manage.py shell -c "Order.objects.all().delete()" --settings=app.settings.production},
 * {@code php artisan tinker --execute="User::truncate()" --env=production}. The code is an ORM call the SQL rules do
 * not see; when it deletes, truncates or updates in bulk and the environment named on the command line is
 * production, a human decides. The same code against a test or development environment, and reads, stay ordinary.
 */
final class ProductionConsoles {
  /** ORM calls that delete or rewrite rows in bulk, or raw SQL that does. */
  private static final Pattern DESTROYS = Pattern.compile("(?i)\\b(delete_all|destroy_all|update_all|truncate"
      + "|drop_table|drop_collection|delete_many|deleteMany|bulk_update|purge)\\b|\\.(destroy|delete)[!(]?"
      + "(\\s|\\)|$|;)|::(truncate|query\\(\\)->delete)|\\b(DELETE\\s+FROM|DROP\\s+(TABLE|DATABASE|SCHEMA)"
      + "|TRUNCATE\\s+TABLE)\\b");
  private static final Pattern PRODUCTION = Pattern.compile("(?i).*\\b(prod|production|prd|live)\\b.*");

  private ProductionConsoles() {}

  static Judgement judge(Unit u) {
    List<String> argv = u.argv();
    String name = u.name();
    if (name.equals("bundle") && argv.size() > 2 && argv.get(1).equals("exec")) {
      // bundle exec rails runner …: the gem's executable with the bundle's load path
      argv = argv.subList(2, argv.size());
      name = Unit.baseName(argv.get(0));
    }
    boolean console = (name.equals("rails") || name.equals("rake")) && argv.size() > 1
        && (argv.get(1).equals("runner") || argv.get(1).equals("r"))
        || argv.stream().anyMatch(x -> x.endsWith("manage.py")) && (argv.contains("shell") || argv.contains("shell_plus"))
        || argv.stream().anyMatch(x -> x.equals("artisan")) && argv.contains("tinker");
    if (!console || !production(u, argv)) {
      return Judgement.ALLOW;
    }
    for (String x : argv.subList(1, argv.size())) {
      if (DESTROYS.matcher(x).find()) {
        return Judgement.ask(Classifier.INFRA, u.shown() + " runs application code that deletes or rewrites rows in"
            + " bulk against production; a human must confirm it");
      }
    }
    return Judgement.ALLOW;
  }

  /** The environment the command names: {@code -e production}, {@code RAILS_ENV=production}, settings modules. */
  private static boolean production(Unit u, List<String> argv) {
    for (Map.Entry<String, String> e : u.env().entrySet()) {
      String k = e.getKey().toUpperCase(Locale.ROOT);
      if ((k.endsWith("_ENV") || k.equals("DJANGO_SETTINGS_MODULE")) && PRODUCTION.matcher(e.getValue()).matches()) {
        return true;
      }
    }
    for (int k = 1; k < argv.size(); k++) {
      String x = argv.get(k);
      String value = x.contains("=") ? x.substring(x.indexOf('=') + 1) : k + 1 < argv.size() ? argv.get(k + 1) : "";
      if (Regexes.matches(x, "-e|--environment(=.*)?|--env(=.*)?|--settings(=.*)?") && PRODUCTION.matcher(value)
          .matches()) {
        return true;
      }
    }
    return false;
  }
}
