/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import static dev.containment4j.internal.filter.FakeSecrets.ALNUM;
import static dev.containment4j.internal.filter.FakeSecrets.DIGITS;
import static dev.containment4j.internal.filter.FakeSecrets.LOWER;
import static dev.containment4j.internal.filter.FakeSecrets.UPPER;
import static dev.containment4j.internal.filter.FakeSecrets.URLSAFE;
import static dev.containment4j.internal.filter.FakeSecrets.p;

import dev.containment4j.guard.FilterContext;
import dev.containment4j.guard.FilterResult;
import dev.containment4j.guard.StreamingContentFilter;
import dev.containment4j.policy.Policy;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Session 11's secrets and PII sweep (issue #6): provider formats the rule set did not name, carriers of formats it
 * did (escaped, encoded, quoted, split, repeated), lookalikes that must stay unflagged, and PII in several countries
 * with its non-PII neighbours. Every value is generated at test time from a fixed seed (no literal credential is
 * committed; prefixes are split with {@link FakeSecrets#p}). {@link SecretSweepTest} asserts the outcome; {@code main}
 * prints the per-kind tally and every failure (the "before" figures of the session were taken with it).
 */
final class SecretSweep {
  static final long SEED = 20261128L;
  private static final String HEX = "0123456789abcdef";
  private static final String B64 = ALNUM + "+/";
  private static final PolicyFilter FILTER =
      PolicyFilter.of(new Policy.Content(Policy.SecretsMode.REDACT, Policy.InjectionMode.QUARANTINE, 0));

  /** What an item is expected to be. */
  enum Kind { FORMAT, CONTEXT, LOOKALIKE, PII, NOT_PII }

  /** How an item came out. */
  enum Outcome { FOUND, MISSED, PARTIAL, FALSE_FINDING, PASSED }

  /**
   * One item.
   *
   * @param values for FORMAT/CONTEXT/redacted PII: the values of which no 8-character fragment may survive
   * @param rule for PII: the rule expected
   * @param split whether the text is fed to the streaming filter in two chunks split at every offset of the value
   */
  record Item(Kind kind, String name, String text, List<String> values, String rule, boolean split) {}

  private final FakeSecrets f;
  private final Random r;
  private final List<Item> items = new ArrayList<>();

  private SecretSweep(Random r) {
    this.r = r;
    this.f = new FakeSecrets(r);
  }

  static List<Item> items() {
    SecretSweep s = new SecretSweep(new Random(SEED));
    s.formats();
    s.contexts();
    s.lookalikes();
    s.anchorLookalikes();
    s.secondRound();
    s.thirdRound();
    s.pii();
    s.fourthRound();
    return List.copyOf(s.items);
  }

  private String s(String alphabet, int n) {
    return f.s(alphabet, n);
  }

  private void format(String name, String token) {
    items.add(new Item(Kind.FORMAT, name + " / log", "2026-11-28 09:12:44 INFO uploader: using credential " + token
        + " for the nightly export\n", List.of(token), "", false));
    items.add(new Item(Kind.FORMAT, name + " / json", "{\"id\": 42, \"value\": \"" + token + "\", \"enabled\": true}\n",
        List.of(token), "", false));
  }

  /** A format without a literal of its own, in the place it is normally written. */
  private void named(String name, String text, String value) {
    items.add(new Item(Kind.FORMAT, name, text, List.of(value), "", false));
  }

  private void context(String name, String text, String... values) {
    items.add(new Item(Kind.CONTEXT, name, text, List.of(values), "", false));
  }

  private void lookalike(String name, String text) {
    items.add(new Item(Kind.LOOKALIKE, name, text, List.of(), "", false));
  }

  private void pii(String rule, String text, String value) {
    items.add(new Item(Kind.PII, rule + ": " + text, text, value == null ? List.of() : List.of(value), rule, false));
  }

  private void notPii(String name, String text) {
    items.add(new Item(Kind.NOT_PII, name, text, List.of(), "", false));
  }

  // ---------------------------------------------------------------------------------------------- formats

  private void formats() {
    format("huggingface-org", p("api", "_org_") + s(LOWER + UPPER, 34));
    format("openrouter", p("sk-", "or-v1-") + s(HEX, 64));
    format("langsmith", p("lsv2", "_pt_") + s(HEX, 32) + "_" + s(HEX, 10));
    format("pinecone", p("pc", "sk_") + s(ALNUM, 5) + "_" + s(ALNUM, 63));
    format("docker-hub-pat", p("dckr", "_pat_") + s(URLSAFE, 27));
    format("netlify", p("nf", "p_") + s(ALNUM, 36));
    format("fly-io", p("fo", "1_") + s(URLSAFE, 43));
    format("supabase-secret", p("sb_", "secret_") + s(URLSAFE, 41));
    format("heroku", p("HRKU", "-AA") + s(URLSAFE, 58));
    format("square-access", p("EA", "AA") + s(URLSAFE, 60));
    format("square-oauth-secret", p("sq0", "csp-") + s(URLSAFE, 43));
    format("braintree", p("access_token", "$production$") + s(LOWER + DIGITS, 16) + "$" + s(HEX, 32));
    format("cloudflare-origin-ca", p("v1", ".0-") + s(HEX, 24) + "-" + s(HEX, 146));
    format("firebase-fcm", p("AA", "AA") + s(URLSAFE, 7) + p(":", "APA91b") + s(URLSAFE, 134));
    format("notion-legacy", p("sec", "ret_") + s(ALNUM, 43));
    format("trello", p("AT", "TA") + s(HEX, 64) + s(HEX.toUpperCase(), 8));
    format("mailchimp", s(HEX, 32) + p("-", "us") + (1 + r.nextInt(20)));
    format("new-relic-license", s(HEX, 36) + p("NR", "AL"));
    format("new-relic-insert", p("NR", "II-") + s(URLSAFE, 32));
    format("onepassword-service-account", p("ops", "_eyJ") + s(B64, 300));
    format("azure-devops-pat", s(ALNUM, 52) + p("JQ", "QJ") + s(UPPER + DIGITS, 20) + p("AZ", "DO") + s(ALNUM, 4));
    format("gcp-refresh-token", p("1//", "0") + s(URLSAFE, 100));
    format("alibaba", p("LT", "AI") + s(ALNUM, 20));
    format("tencent", p("AK", "ID") + s(ALNUM, 32));
    format("dynatrace", p("dt0", "c01.") + s(UPPER + DIGITS, 24) + "." + s(UPPER + DIGITS, 64));
    format("sonarqube", p("sq", "u_") + s(HEX, 40));
    format("rubygems", p("rubygems", "_") + s(HEX, 48));
    format("nuget", p("oy", "2") + s(LOWER + DIGITS, 43));
    format("airtable-pat", p("pa", "t") + s(ALNUM, 14) + "." + s(HEX, 64));
    format("dropbox", p("sl", ".u.") + s(URLSAFE, 140));
    format("brevo", p("xkey", "sib-") + s(HEX, 64) + "-" + s(ALNUM, 16));
    format("mapbox-secret", p("sk", ".eyJ1") + s(URLSAFE, 60) + "." + s(URLSAFE, 22));
    format("posthog-personal", p("ph", "x_") + s(ALNUM, 43));
    format("contentful", p("CF", "PAT-") + s(URLSAFE, 43));
    format("bitbucket-app-password", p("AT", "BB") + s(ALNUM, 32));
    format("hubspot", p("pat-", "na1-") + UUID.nameUUIDFromBytes(s(ALNUM, 16).getBytes(StandardCharsets.UTF_8)));
    format("prefect", p("pn", "u_") + s(ALNUM, 36));
    format("buildkite", p("bk", "ua_") + s(HEX, 40));
    format("aws-bedrock", p("AB", "SK") + "QmVkcm9ja0FQSUtleS" + s(B64, 110));
    format("twitter-bearer", "A".repeat(22) + s(ALNUM, 12) + "%2F" + s(ALNUM, 20) + "%3D" + s(ALNUM, 50));
    // formats with no literal of their own, where they are normally written
    String mistral = s(ALNUM, 32);
    named("mistral / env", "MISTRAL_API_KEY=" + mistral + "\n", mistral);
    String cohere = s(ALNUM, 40);
    named("cohere / python", "import cohere\nco = cohere.ClientV2(\"" + cohere + "\")\n", cohere);
    String twilioSid = "AC" + s(HEX, 32);
    String twilio = s(HEX, 32);
    named("twilio-auth-token / python", "from twilio.rest import Client\nclient = Client(\"" + twilioSid + "\", \""
        + twilio + "\")\n", twilio);
    String mailgun = s(HEX, 32) + "-" + s(HEX, 8) + "-" + s(HEX, 8);
    named("mailgun / python auth tuple", "requests.post(\"https://api.mailgun.net/v3/mg.acme.dev/messages\",\n"
        + "    auth=(\"api\", \"" + mailgun + "\"), data={\"to\": \"ops@acme.dev\"})\n", mailgun);
    String snowflake = s(ALNUM + "!#", 18);
    named("snowflake / jdbc query", "jdbc:snowflake://acme-eu.snowflakecomputing.com/?user=ETL_SVC&password=" + snowflake
        + "&warehouse=LOAD_WH&db=RAW\n", snowflake);
    String pgJdbc = s(ALNUM, 20);
    named("postgres / jdbc query", "spring.datasource.url=jdbc:postgresql://db.internal:5432/orders?user=app&password="
        + pgJdbc + "&ssl=true\n", pgJdbc);
    // session 16: Redis before ACLs has a password and no user
    String redis = s(ALNUM, 18);
    named("redis / url without a user", "REDIS_URL=redis://:" + redis + "@cache.internal:6379/0\n", redis);
    String mssql = s(ALNUM + "!#", 16);
    named("sqlserver / ado.net", "\"ConnectionStrings\": { \"Main\": \"Server=tcp:acme.database.windows.net,1433;"
        + "Initial Catalog=orders;User ID=app;Password=" + mssql + ";Encrypt=True;\" }\n", mssql);
    String datadog = s(HEX, 32);
    named("datadog / docker run -e", "docker run -d --name dd-agent -e DD_API_KEY=" + datadog
        + " -e DD_SITE=datadoghq.eu gcr.io/datadoghq/agent:7\n", datadog);
    String pagerduty = s(URLSAFE, 20);
    named("pagerduty / token header", "curl -H \"Authorization: Token token=" + pagerduty
        + "\" https://api.pagerduty.com/incidents\n", pagerduty);
    String vault = "s." + s(ALNUM, 24);
    named("vault-legacy / header", "curl -H \"X-Vault-Token: " + vault + "\" https://vault.acme.dev/v1/secret/app\n",
        vault);
    String vercel = s(ALNUM, 24);
    named("vercel / cli flag", "$ vercel deploy --prod --token " + vercel + " --yes\n", vercel);
    String cloudflare = s(URLSAFE, 40);
    named("cloudflare / wrangler env", "CLOUDFLARE_API_TOKEN=" + cloudflare + " npx wrangler deploy\n", cloudflare);
    String okta = "00" + s(URLSAFE, 40);
    named("okta / ssws header", "> Authorization: SSWS " + okta + "\n> Accept: application/json\n", okta);
    String cloudinary = s(URLSAFE, 27);
    named("cloudinary / url", "CLOUDINARY_URL=cloudinary://" + s(DIGITS, 15) + ":" + cloudinary + "@acme-media\n",
        cloudinary);
    String asana = "2/" + s(DIGITS, 16) + "/" + s(DIGITS, 16) + ":" + s(HEX, 32);
    named("asana / bearer header", "requests.get(url, headers={\"Authorization\": \"Bearer " + asana + "\"})\n", asana);
    String discord = "MT" + s(ALNUM, 24) + "." + s(URLSAFE, 6) + "." + s(URLSAFE, 38);
    named("discord / client.run far from the word", "import discord\n\nintents = discord.Intents.default()\n"
        + "intents.message_content = True\n" + "# commands are registered in cogs/ and loaded on startup\n".repeat(4)
        + "bot = commands.Bot(command_prefix=\"!\", intents=intents)\n\n\n\nbot.run(\"" + discord + "\")\n", discord);
    String teams = UUID.randomUUID() + "@" + UUID.randomUUID() + "/IncomingWebhook/" + s(HEX, 32) + "/"
        + UUID.randomUUID();
    named("teams-webhook / url", "POST https://acme.webhook.office.com/webhookb2/" + teams + " -> 200\n", teams);
    String minisign = "RWRTY0Iy" + s(B64, 204);
    named("minisign / secret key file", "$ cat ~/.minisign/minisign.key\nuntrusted comment: minisign encrypted secret"
        + " key\n" + minisign + "\n", minisign);
  }

  // ---------------------------------------------------------------------------------------------- contexts

  private String ghp() {
    return p("gh", "p_") + s(ALNUM, 36);
  }

  private String stripe() {
    return p("sk", "_live_") + s(ALNUM, 24);
  }

  private String opaque(int n) {
    return s(ALNUM, n);
  }

  private List<String> pem(int lines) {
    return f.pemLines(lines);
  }

  private void contexts() {
    List<String> ec = pem(4);
    context("json-escaped pem under a neutral key", "{\"name\": \"edge\", \"tls\": {\"key\": \"-----BEGIN EC PRIVATE"
        + " KEY-----\\n" + String.join("\\n", ec) + "\\n-----END EC PRIVATE KEY-----\\n\"}}\n", ec.toArray(String[]::new));
    String hook = "T" + s(UPPER + DIGITS, 9) + "\\/B" + s(UPPER + DIGITS, 9) + "\\/" + s(ALNUM, 24);
    context("json slash-escaped slack webhook", "{\"webhook_url\":\"https:\\/\\/hooks." + p("slack", ".com") + "\\/services\\/"
        + hook + "\",\"channel\":\"#ops\"}\n", hook.replace("\\/", "/").substring(11));
    String pgpw = opaque(20);
    String url = "postgres://app:" + pgpw + "@db.internal:5432/app";
    context("url-encoded database url in a query", "GET /admin/debug?dsn=" + URLEncoder.encode(url, StandardCharsets.UTF_8)
        + "&verbose=1 HTTP/1.1\n", pgpw);
    List<String> rsa = pem(10);
    context("url-encoded pem", "key=" + URLEncoder.encode("-----BEGIN RSA PRIVATE KEY-----\n" + String.join("\n", rsa)
        + "\n-----END RSA PRIVATE KEY-----\n", StandardCharsets.UTF_8), rsa.toArray(String[]::new));
    String y = opaque(32);
    context("yaml double-quoted", "service:\n  api_key: \"" + y + "\"\n  region: eu\n", y);
    String toml = opaque(28);
    context("toml", "[registries.internal]\nindex = \"https://crates.acme.dev/index\"\ntoken = \"" + toml + "\"\n", toml);
    String hcl = s(ALNUM + "!#%", 18);
    context("hcl", "resource \"aws_db_instance\" \"main\" {\n  username = \"admin\"\n  password = \"" + hcl + "\"\n}\n", hcl);
    String xmlAttr = opaque(30);
    context("xml appSettings key/value attributes", "<appSettings>\n  <add key=\"PaymentGatewaySecret\" value=\"" + xmlAttr
        + "\" />\n</appSettings>\n", xmlAttr);
    String xmlElem = s(ALNUM + "!#", 16);
    context("xml element (maven settings)", "<server>\n  <id>releases</id>\n  <username>deploy</username>\n  <password>"
        + xmlElem + "</password>\n</server>\n", xmlElem);
    String exp = s(ALNUM + "!#%", 20);
    context("shell export single-quoted", "export DB_PASSWORD='" + exp + "'\nexport DB_HOST=db.internal\n", exp);
    String dr = opaque(24);
    context("docker run -e", "docker run --rm -e POSTGRES_PASSWORD=" + dr + " -p 5432:5432 postgres:16\n", dr);
    String bearer = opaque(40);
    context("curl bearer header", "curl -sS -H \"Authorization: Bearer " + bearer + "\" https://api.acme.dev/v2/me\n",
        bearer);
    String xkey = opaque(32);
    context("curl x-api-key header", "curl -H 'X-API-Key: " + xkey + "' https://api.acme.dev/v1/items\n", xkey);
    String gl = p("gl", "pat-") + s(URLSAFE, 20);
    context("git remote -v", "origin\thttps://oauth2:" + gl + "@gitlab.acme.dev/platform/api.git (fetch)\n"
        + "origin\thttps://oauth2:" + gl + "@gitlab.acme.dev/platform/api.git (push)\n", gl);
    String netrc = s(ALNUM + "!#", 18);
    context(".netrc", "machine api.acme.dev\n  login deploy-bot\n  password " + netrc + "\n", netrc);
    String pgpass = s(ALNUM, 18);
    context(".pgpass", "db.internal:5432:orders:app:" + pgpass + "\n", pgpass);
    String py = opaque(32);
    context("python literal", "client = Client(api_key=\"" + py + "\", timeout=30)\n", py);
    String js = opaque(32);
    context("js literal camelCase", "const apiKey = '" + js + "';\nfetch(url, { headers: { 'x-api-key': apiKey } });\n", js);
    String go = opaque(32);
    context("go short assignment", "\tauthToken := \"" + go + "\"\n\treq.Header.Set(\"Authorization\", authToken)\n", go);
    String kv = s(ALNUM + "!#", 16);
    context("log line key=value", "level=info ts=2026-11-28T09:12:44Z msg=\"db connect\" user=app password=" + kv
        + " retries=3\n", kv);
    String envSecret = s(ALNUM + "/+", 40);
    String env = "AWS_ACCESS_KEY_ID=" + f.awsKeyId(false) + "\nAWS_SECRET_ACCESS_KEY=" + envSecret + "\n";
    String envB64 = Base64.getEncoder().encodeToString(env.getBytes(StandardCharsets.UTF_8));
    context("base64 of a .env file", "$ echo " + envB64 + " | base64 -d > .env\n", envB64);
    List<String> yk = pem(12);
    context("pem indented in a yaml block", "tls:\n  key: |\n    -----BEGIN RSA PRIVATE KEY-----\n    "
        + String.join("\n    ", yk) + "\n    -----END RSA PRIVATE KEY-----\n  cert: cert.pem\n", yk.toArray(String[]::new));
    // session 16: a key quoted in a reply mail; the quote marks once made it look like a <placeholder>
    context("pem quoted in a mail reply", "On Mon, Ops wrote:\n> -----BEGIN RSA PRIVATE KEY-----\n> "
        + String.join("\n> ", yk) + "\n> -----END RSA PRIVATE KEY-----\n", yk.toArray(String[]::new));
    String crlf = opaque(32);
    context("windows line endings", "APP_ENV=prod\r\nAPI_SECRET=" + crlf + "\r\nLOG=info\r\n", crlf);
    List<String> crlfPem = pem(6);
    context("pem with windows line endings", "-----BEGIN OPENSSH PRIVATE KEY-----\r\n" + String.join("\r\n", crlfPem)
        + "\r\n-----END OPENSSH PRIVATE KEY-----\r\n", crlfPem.toArray(String[]::new));
    String twice = stripe();
    context("the same secret twice", "STRIPE_KEY=" + twice + "\n# rotated? no: " + twice + " is still live\n", twice);
    String punct = ghp();
    context("followed by punctuation and quotes", "The token (" + punct + "), was it '" + punct + "'? \"" + punct
        + "\".\n", punct);
    String md = ghp();
    context("markdown code span", "Use `" + md + "` for the CI job.\n", md);
    String escapedJson = s(ALNUM + "!#", 18);
    context("json inside a json string", "{\"payload\": \"{\\\"user\\\":\\\"app\\\",\\\"password\\\":\\\"" + escapedJson
        + "\\\"}\"}\n", escapedJson);
    String k8sEnv = opaque(28);
    context("kubernetes env name/value", "        env:\n        - name: DB_PASSWORD\n          value: \"" + k8sEnv
        + "\"\n        - name: DB_HOST\n          value: db.internal\n", k8sEnv);
    String mysql = s(ALNUM, 16);
    context("mysql -p attached", "$ mysql -h db.internal -u root -p" + mysql + " orders < dump.sql\n", mysql);
    String sshpass = s(ALNUM + "!#", 14);
    context("sshpass -p", "sshpass -p '" + sshpass + "' ssh deploy@10.0.4.12 'systemctl restart app'\n", sshpass);
    String flag = opaque(32);
    context("cli --api-key value", "  args:\n    - --api-key\n    - " + flag + "\n    - --region=eu\n", flag);
    String access = opaque(40);
    context("access_token in a url fragment", "Redirected to https://app.acme.dev/callback#access_token=" + access
        + "&token_type=Bearer&expires_in=3600\n", access);
    String aws = f.awsKeyId(false);
    String awsSecret = f.awsSecret();
    context("aws pair in a csv", "User name,Password,Access key ID,Secret access key,Console login link\nci-bot,,"
        + aws + "," + awsSecret + ",https://123456789012.signin.aws.amazon.com/console\n", aws, awsSecret);
    String jwt = f.jwt();
    context("jwt in a cookie", "< Set-Cookie: session=" + jwt + "; Path=/; HttpOnly; Secure\n", jwt);
    String ant = p("sk-", "ant-api03-") + s(URLSAFE, 93) + "AA";
    context("anthropic key in a python dict, single quotes", "config = {'provider': 'anthropic', 'key': '" + ant + "'}\n",
        ant);
    String split = ghp();
    items.add(new Item(Kind.CONTEXT, "split over two stream chunks at every offset", "GITHUB_TOKEN=" + split
        + "\nnext line\n", List.of(split), "", true));
  }

  // ---------------------------------------------------------------------------------------------- lookalikes

  private void lookalikes() {
    lookalike("angle-bracket placeholders", "OPENAI_API_KEY=<your-openai-key>\nGITHUB_TOKEN=<your-token>\n");
    lookalike("truncated key in docs", "Set `OPENAI_API_KEY=sk-...` and `ANTHROPIC_API_KEY=sk-ant-...` before running.\n");
    lookalike("x-filled prefix token", "export GITHUB_TOKEN=" + p("gh", "p_") + "x".repeat(36) + "\n");
    lookalike("aws documentation keys", "aws_access_key_id = " + p("AKIA", "IOSFODNN7", "EXAMPLE")
        + "\naws_secret_access_key = " + p("wJalrXUtnFEMI/K7MDENG/", "bPxRfiCY", "EXAMPLEKEY") + "\n");
    lookalike("changeme", "db:\n  password: changeme\n  admin_password: change-me-please\n");
    lookalike("all-same characters", "API_SECRET=" + "A".repeat(32) + "\nTOKEN=" + "0".repeat(40) + "\n");
    lookalike("git log commit ids", "commit " + s(HEX, 40) + "\nMerge: " + s(HEX, 7) + " " + s(HEX, 7)
        + "\nAuthor: dev\n\n    fix token refresh\n");
    lookalike("docker digest", "Pulling from library/nginx\nDigest: sha256:" + s(HEX, 64) + "\nimage: nginx@sha256:"
        + s(HEX, 64) + "\n");
    lookalike("npm integrity", "\"node_modules/lodash\": {\n  \"version\": \"4.17.21\",\n  \"integrity\": \"sha512-"
        + s(B64, 86) + "==\"\n}\n");
    lookalike("pip hashes", "requests==2.32.3 \\\n    --hash=sha256:" + s(HEX, 64) + "\n");
    lookalike("uuids", "{\"request_id\": \"" + UUID.randomUUID() + "\", \"tenant\": \"" + UUID.randomUUID() + "\"}\n");
    byte[] png = new byte[900];
    r.nextBytes(png);
    lookalike("base64 image", "<img src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\">\n");
    byte[] font = new byte[1200];
    r.nextBytes(font);
    lookalike("base64 font", "@font-face { font-family: Inter; src: url(data:font/woff2;base64,"
        + Base64.getEncoder().encodeToString(font) + ") format('woff2'); }\n");
    lookalike("ssh public keys", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + s(B64, 43) + " dev@laptop\nssh-rsa AAAAB3NzaC1yc2E"
        + s(B64, 356) + " ci@build\n");
    lookalike("pem public key and certificate", "-----BEGIN PUBLIC KEY-----\n" + String.join("\n", pem(6))
        + "\n-----END PUBLIC KEY-----\n-----BEGIN CERTIFICATE-----\n" + String.join("\n", pem(12))
        + "\n-----END CERTIFICATE-----\n");
    lookalike("our own redaction markers", "GITHUB_TOKEN=[REDACTED:github-token]\npassword: [REDACTED:secret-assignment]\n");
    lookalike("ids in urls", "https://drive.google.com/file/d/1" + s(URLSAFE, 32) + "/view\nhttps://github.com/acme/api/"
        + "commit/" + s(HEX, 40) + "\nhttps://www.youtube.com/watch?v=" + s(URLSAFE, 11) + "\n");
    lookalike("token_type", "{\"token_type\": \"bearer\", \"expires_in\": 3600, \"scope\": \"read write\"}\n");
    lookalike("template references", "password: ${DB_PASSWORD}\napi_key: \"{{ .Values.apiKey }}\"\n"
        + "token = os.environ[\"API_TOKEN\"]\n");
    lookalike("git lfs pointer", "version https://git-lfs.github.com/spec/v1\noid sha256:" + s(HEX, 64)
        + "\nsize 1048576\n");
    lookalike("go.sum", "golang.org/x/crypto v0.31.0 h1:" + s(B64, 43) + "=\ngolang.org/x/crypto v0.31.0/go.mod h1:"
        + s(B64, 43) + "=\n");
    lookalike("cargo.lock checksum", "[[package]]\nname = \"ring\"\nversion = \"0.17.8\"\nchecksum = \"" + s(HEX, 64)
        + "\"\n");
    lookalike("jwks public modulus", "{\"keys\": [{\"kty\": \"RSA\", \"kid\": \"" + s(URLSAFE, 43) + "\", \"use\": \"sig\","
        + " \"n\": \"" + s(URLSAFE, 342) + "\", \"e\": \"AQAB\"}]}\n");
    lookalike("secret names and flags", "secretKeyRef:\n  name: app-secret-v2\n  key: password\nsecret: true\ntoken:"
        + " null\n");
    lookalike("bcrypt hash", "password_hash: $2b$12$" + s(ALNUM + "./", 53) + "\n");
    lookalike("stripe publishable key", "<script>Stripe('" + p("pk", "_live_") + s(ALNUM, 24) + "');</script>\n");
    lookalike("ethereum address and tx hash", "from 0x" + s(HEX, 40) + " tx 0x" + s(HEX, 64) + " confirmed\n");
    lookalike("bearer variable", "curl -H \"Authorization: Bearer $GITHUB_TOKEN\" -H 'Authorization: Bearer "
        + "${{ secrets.DEPLOY_TOKEN }}' https://api.github.com\n");
    lookalike("gpg fingerprint", "pub   rsa4096/0x" + s(HEX.toUpperCase(), 16) + " 2024-01-01 [SC]\n      Key fingerprint"
        + " = " + s(HEX.toUpperCase(), 40) + "\n");
    lookalike("hashed asset names", "dist/assets/index-" + s(ALNUM, 8) + ".js  142.3 kB\ndist/main." + s(HEX, 20)
        + ".css\n");
    lookalike("azure resource ids", "/subscriptions/" + UUID.randomUUID() + "/resourceGroups/prod/providers/"
        + "Microsoft.KeyVault/vaults/acme-kv\n");
    lookalike("sentry dsn (public by design)", "Sentry.init({ dsn: 'https://" + s(HEX, 32) + "@o" + s(DIGITS, 6)
        + ".ingest.sentry.io/" + s(DIGITS, 7) + "' });\n");
    lookalike("nonce and salt in a response", "{\"nonce\": \"" + s(B64, 24) + "\", \"state\": \"" + s(URLSAFE, 32)
        + "\"}\n");
  }

  /**
   * Written with the session-11 rules (after the "before" figures): text that holds the anchors of the new rules in
   * ordinary use, so that each anchor alone is never a finding.
   */
  private void anchorLookalikes() {
    lookalike("paths and patterns", "pattern = re.compile(r'^[a-z]+$')\npath = os.path.join(base, 'patches')\n"
        + "patch: " + s(HEX, 40) + "\n");
    lookalike("attach and attack", "ATTACHMENT_ID=att_" + s(DIGITS, 8) + "\nATTACK_SURFACE=low\nattached 3 files\n");
    lookalike("ssl. and sl.", "ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT); sl.append(x); sl.sort()\n");
    lookalike("locales and versions", "Accept-Language: en-US,en;q=0.9\nversion: v1.0-rc1, v1.0-beta.2\n");
    lookalike("python floor division", "assert 1//0 == None or x == 1//2\nq = total//10\n");
    lookalike("secret_ identifiers", "secret_key_base = Rails.application.secret_key_base\nsecret_name = "
        + "\"prod/app/db\"\nsecret_ThisIsTheLongNameOfAnIdentifierInCodeOk = 1\n");
    lookalike("client constructors with ids", "client = Client(\"us-east-1\")\nc = httpx.Client(\"https://api."
        + "example.com\")\nq = QdrantClient(\"my-collection-name-for-tests\")\n");
    lookalike("yaml name/value that is no secret", "env:\n- name: LOG_LEVEL\n  value: debug-verbose-mode\n- name:"
        + " TOKEN_URL\n  value: https://auth.example.com/oauth/token\n- name: DB_PASSWORD\n  valueFrom:\n"
        + "    secretKeyRef: {name: db, key: password}\n");
    lookalike("app settings without secrets", "<add key=\"ApiKeyHeaderName\" value=\"X-Api-Key-Header\" />\n"
        + "<add key=\"TokenLifetime\" value=\"00:30:00\" />\n");
    lookalike("xml elements with references", "<password>${env.DEPLOY_PASSWORD}</password>\n<token>{{ token }}</token>"
        + "\n<secret>true</secret>\n");
    lookalike("token flags in docs", "  --token string      API token (default \"$VERCEL_TOKEN\")\n  --api-key <KEY>"
        + "   the key\n  --password-stdin   read from stdin\n");
    lookalike("authorization in prose", "Authorization: Token authentication is described below.\nThe Authorization"
        + " header uses the SSWS scheme: Authorization: SSWS ${OKTA_API_TOKEN}\n");
    lookalike("machine learning prose", "This machine learning model does not store the password anywhere.\n"
        + "machine api.example.com login bot password ${NETRC_PASSWORD}\n");
    lookalike("port colons in logs", "listening on 0.0.0.0:5432: ready to accept connections\n"
        + "LOG:  connection received: host=10.0.0.4 port=5432\n");
    lookalike("mysql without a password", "mysql -h db -u root -p orders\nmysqldump --single-transaction -p prod\n");
    lookalike("auth tuple with a variable", "requests.get(url, auth=(\"api\", os.environ[\"MAILGUN_KEY\"]))\n"
        + "auth=(user, password)\n");
    String harmless = Base64.getEncoder().encodeToString(("LOG_LEVEL=debug\nPORT=8080\nDB_PASSWORD=${DB_PASSWORD}\n"
        + "FEATURE_FLAGS=a,b,c\n").getBytes(StandardCharsets.UTF_8));
    lookalike("base64 of a config without secrets", "$ echo " + harmless + " | base64 -d\n");
    lookalike("hex and base64 runs", "checksum " + s(HEX, 64) + "\nblob " + s(B64, 200) + "\n");
    lookalike("url-encoded ordinary url", "next=https%3A%2F%2Fexample.com%2Fdocs%3Fpage%3D2&lang=en\n");
    lookalike("jwks and azure ids in json", "{\"kid\": \"" + s(ALNUM, 52) + "\", \"x5t\": \"" + s(URLSAFE, 27) + "\"}\n");
    lookalike("-----BEGIN public url-encoded", "cert=-----BEGIN%20CERTIFICATE-----%0A" + s(ALNUM, 64) + "%0A-----END"
        + "%20CERTIFICATE-----\n");
    lookalike("uk-style phone-less numbers", "Order 020 7946 0000 units, batch 030 93322176\n");
    lookalike("dotted references as values", "\"output_token\": \"StreamingDistributionList.NextMarker\",\n"
        + "t.tokenizer.seperator=t.tokenizer.defaultSeperator\n");
  }

  /**
   * Round 2, written after round 1's fixes and scored on the unchanged rules and on round 1's before its own fixes:
   * carriers of human-readable labels, YAML block scalars, subscripts, PHP define(), more CLIs and file formats, and
   * public keys under key-like names.
   */
  private void secondRound() {
    String label = opaque(32);
    context("human label with spaces", "Your new credentials\n  API Key: " + label + "\n  Region: eu-west-1\n", label);
    String folded = s(ALNUM + "!#", 20);
    context("yaml block scalar", "database:\n  password: >-\n    " + folded + "\n  host: db.internal\n", folded);
    List<String> ppk = pem(3);
    context("putty private key", "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy\nPublic-Lines: 2\n"
        + "AAAAC3NzaC1lZDI1NTE5AAAAI" + s(B64, 43) + "\nPrivate-Lines: 3\n" + String.join("\n", ppk) + "\nPrivate-MAC: "
        + s(HEX, 64) + "\n", ppk.toArray(String[]::new));
    String redis = s(ALNUM, 24);
    context("redis-cli -a", "$ redis-cli -h cache.internal -p 6379 -a " + redis + " --no-auth-warning INFO\n", redis);
    String openssl = s(ALNUM, 20);
    context("openssl -passin pass:", "openssl pkcs12 -in cert.p12 -nodes -passin pass:" + openssl + " -out cert.pem\n",
        openssl);
    String ps = s(ALNUM + "!#", 18);
    context("powershell ConvertTo-SecureString", "$pw = ConvertTo-SecureString \"" + ps + "\" -AsPlainText -Force\n", ps);
    String jdbc = s(ALNUM + "!#", 16);
    context("jdbc getConnection literal", "Connection c = DriverManager.getConnection(\"jdbc:postgresql://db/app\", \"app\","
        + " \"" + jdbc + "\");\n", jdbc);
    String awsSecret = f.awsSecret();
    context("aws configure transcript", "$ aws configure\nAWS Access Key ID [****************WXYZ]:\nAWS Secret Access Key"
        + " [None]: " + awsSecret + "\nDefault region name [None]: eu-west-1\n", awsSecret);
    String docker = s(ALNUM, 24);
    context("docker login -p", "$ docker login -u ci-bot -p " + docker + " registry.acme.dev\nWARNING! Using --password via"
        + " the CLI is insecure.\n", docker);
    String userToken = s(HEX, 40);
    context("token as the url user", "git clone https://" + userToken + "@git.acme.dev/platform/api.git\n", userToken);
    String subscript = s(ALNUM + "!#", 18);
    context("subscript assignment", "os.environ[\"DB_PASSWORD\"] = \"" + subscript + "\"\n", subscript);
    String php = s(ALNUM + "!#%", 32);
    context("php define", "define( 'DB_PASSWORD', '" + php + "' );\ndefine( 'DB_HOST', 'localhost' );\n", php);
    String header = opaque(32);
    context("header set in code", "req.headers.set(\"X-Api-Key\", \"" + header + "\");\n", header);
    lookalike("terraform sensitive values", "  + password = (sensitive value)\n  + token    = (sensitive value)\n");
    lookalike("htpasswd hash", "admin:$apr1$" + s(ALNUM, 8) + "$" + s(ALNUM + "./", 22) + "\n");
    lookalike("masked and empty values", "password = \"********\"\ntoken: <REDACTED>\n\"api_key\": \"\",\npassword:"
        + " null\n");
    lookalike("public keys under key names", "STRIPE_PUBLISHABLE_KEY=" + p("pk", "_live_") + s(ALNUM, 24)
        + "\nVAPID_PUBLIC_KEY=B" + s(URLSAFE, 86) + "\nPUBLIC_KEY=MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE" + s(B64, 62)
        + "==\n");
    lookalike("define of a non-secret", "define( 'WP_DEBUG_LOG', '/var/log/wordpress/debug-2026-11.log' );\n"
        + "headers.set(\"Content-Type\", \"application/json; charset=utf-8\");\n");
  }

  /** Round 3, written after round 2's fixes and scored before its own: mail transcripts, cloud CLIs, client ids. */
  private void thirdRound() {
    String smtpPw = s(ALNUM, 20);
    String plain = Base64.getEncoder().encodeToString(("\0mailer@acme.dev\0" + smtpPw).getBytes(StandardCharsets.UTF_8));
    context("smtp AUTH PLAIN transcript", "S: 250-AUTH PLAIN LOGIN\nC: AUTH PLAIN " + plain + "\nS: 235 2.7.0 Authentication"
        + " successful\n", plain);
    String az = s(URLSAFE + "~.", 40);
    context("az login -p", "$ az login --service-principal -u " + UUID.randomUUID() + " -p " + az + " --tenant "
        + UUID.randomUUID() + "\n", az);
    lookalike("client ids as uuids", "app = msal.Client(\"" + UUID.randomUUID() + "\")\nc = Client(\"" + UUID.randomUUID()
        + "\", region=\"eu\")\n");
  }

  /** Session 21: session cookies in request and response headers (a probe found them passing). */
  private void fourthRound() {
    String sid = s(ALNUM, 48);
    context("session cookie in a Cookie header", "GET /account HTTP/1.1\nHost: app.acme.dev\nCookie: session=" + sid
        + "; theme=dark\n", sid);
    String connect = "s%3A" + s(URLSAFE, 32) + "." + s(ALNUM, 27);
    context("express session in Set-Cookie", "HTTP/1.1 200 OK\nSet-Cookie: connect.sid=" + connect
        + "; Path=/; HttpOnly; Secure\n", connect);
    String token = s(ALNUM, 40);
    context("second cookie of a header", "Cookie: _ga=GA1.2.1234567890.1700000000; session_token=" + token + "\n", token);
    lookalike("preference cookies", "Cookie: theme=dark; lang=en-US; tz=Europe%2FBerlin; sessionid=abc\n");
  }

  // ---------------------------------------------------------------------------------------------- PII

  private String luhnComplete(String body) {
    for (int d = 0; d < 10; d++) {
      if (PiiDetector.luhn(body + d)) {
        return body + d;
      }
    }
    throw new AssertionError();
  }

  private String iban(String country, String bban) {
    for (int chk = 2; chk < 99; chk++) {
      String iban = country + String.format("%02d", chk) + bban;
      if (PiiDetector.mod97(iban)) {
        return iban;
      }
    }
    throw new AssertionError();
  }

  private static String grouped(String s, int n, String sep) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      if (i > 0 && i % n == 0) {
        b.append(sep);
      }
      b.append(s.charAt(i));
    }
    return b.toString();
  }

  private String d(int n) {
    return s(DIGITS, n);
  }

  private void pii() {
    // e-mail
    pii("email", "Author: Jane Roe <jane.roe@" + s(LOWER, 6) + ".example.org>", null);
    pii("email", "{\"contact\": \"ops+alerts@acme.co.uk\"}", null);
    pii("email", "mailto:Li.Wei." + d(2) + "@Mail.Example.COM?subject=hi", null);
    pii("email", "reply-to: sara_rossi" + d(3) + "@posta.example.it", null);
    // phone numbers
    pii("phone", "Call +1 202-555-0" + (100 + r.nextInt(899)) + " after 5pm", null);
    pii("phone", "tel: (202) 555-0" + (100 + r.nextInt(899)), null);
    pii("phone", "UK office: +44 20 7946 0" + d(3), null);
    pii("phone", "Telefon: +49 30 " + d(7), null);
    pii("phone", "Tél. : +33 1 42 68 " + d(2) + " " + d(2), null);
    pii("phone", "mobile +91 98765 " + d(5), null);
    pii("phone", "WhatsApp: +55 11 9" + d(4) + "-" + d(4), null);
    pii("phone", "電話: +81 3-" + d(4) + "-" + d(4), null);
    pii("phone", "Reception +61 2 " + d(4) + " " + d(4), null);
    pii("phone", "phone: 020 7946 0" + d(3) + " (London)", null);
    pii("phone", "Tel. 030 " + d(8) + " (Zentrale)", null);
    // IBAN
    for (String[] c : new String[][] {{"DE", d(18)}, {"FR", d(23)}, {"GB", "NWBK" + d(14)}, {"NL", "ABNA" + d(10)},
        {"ES", d(20)}, {"IT", "X" + d(22)}, {"CH", d(17)}, {"BE", d(12)}}) {
      String iban = iban(c[0], c[1]);
      pii("iban", "IBAN: " + grouped(iban, 4, " "), iban);
      pii("iban", "{\"iban\": \"" + iban + "\"}", iban);
    }
    // payment cards
    String visa = luhnComplete("4" + d(14));
    pii("credit-card", "card: " + grouped(visa, 4, " "), visa);
    String mc = luhnComplete("5" + (1 + r.nextInt(5)) + d(13));
    pii("credit-card", "pan=" + grouped(mc, 4, "-"), mc);
    String amex = luhnComplete("37" + d(12));
    pii("credit-card", "Amex " + amex.substring(0, 4) + " " + amex.substring(4, 10) + " " + amex.substring(10), amex);
    String disc = luhnComplete("6011" + d(11));
    pii("credit-card", "Discover card number " + disc, disc);
    String mc2 = luhnComplete("2221" + d(11));
    pii("credit-card", "payment method: " + grouped(mc2, 4, " "), mc2);
    String visaCompact = luhnComplete("4" + d(14));
    pii("credit-card", "{\"card_number\": \"" + visaCompact + "\"}", visaCompact);
    // national ids
    String ssn = (100 + r.nextInt(565)) + "-" + (10 + r.nextInt(89)) + "-" + (1000 + r.nextInt(8999));
    pii("us-ssn", "SSN: " + ssn, ssn.replace("-", ""));
    String ssn2 = (100 + r.nextInt(565)) + "" + (10 + r.nextInt(89)) + (1000 + r.nextInt(8999));
    pii("us-ssn", "social security number " + ssn2, ssn2);
    String ni = "JG" + d(6) + "C";
    pii("uk-nino", "National Insurance number: " + ni.substring(0, 2) + " " + ni.substring(2, 4) + " "
        + ni.substring(4, 6) + " " + ni.substring(6, 8) + " " + ni.charAt(8), ni);
    String ni2 = "AB" + d(6) + "D";
    pii("uk-nino", "{\"nino\": \"" + ni2 + "\"}", ni2);
    // not PII
    // session 13: a machine's address, not a mailbox (the URL's password is a secret finding of its own)
    notPii("scp-style git remote", "origin\tgit@github.com:acme/api.git (fetch)\norigin\tgit@gitlab.example.com:g/p.git");
    notPii("url user part", "mongodb+srv://svc-" + s(LOWER, 5) + "@cluster0.example.mongodb.net/app?retryWrites=true");
    notPii("order id", "Order ORD-2026-" + d(6) + " shipped, invoice INV-" + d(8));
    notPii("versions", "openjdk 21.0.5 2024-10-15, nginx/1.27.2, kernel 6.8.0-49-generic, v10.15.3");
    notPii("timestamps", "2026-11-28T09:12:44.123Z 1764321164 1764321164123 28/11/2026 09:12:44");
    notPii("ipv4 and cidr", "inet 192.168.10.254/24 brd 192.168.10.255, route 10.0.0.0/16 via 172.31.255.1");
    notPii("ipv6 and mac", "inet6 fe80::1c2b:3ff:fe4d:5e6f/64 link/ether 02:42:ac:11:00:02");
    notPii("isbn", "ISBN 978-3-16-148410-0, ISBN-10 0-306-40615-2");
    notPii("imei", "IMEI: " + luhnComplete("49015420323751").substring(0, 15));
    notPii("aws account and arn", "arn:aws:iam::" + d(12) + ":role/ci-deploy");
    notPii("durations and sizes", "took 1234567 ms, 98765432 bytes, 4096 blocks, 1500000000 ns");
    notPii("coordinates", "lat 48.856613, lon 2.352222, alt 35.0");
    notPii("money", "total: 1,234,567.89 EUR (2 345 678 JPY)");
    notPii("build numbers", "Build #" + d(8) + " of pipeline " + d(10) + " succeeded in job " + d(11));
    notPii("line:col and ports", "src/main.rs:1234:56 listening on 0.0.0.0:8080, 127.0.0.1:5432");
    notPii("java annotations and mentions", "@Override @SuppressWarnings(\"x\") cc @octocat @user123");
    notPii("k8s resource versions", "resourceVersion: \"" + d(9) + "\"\nuid: " + UUID.randomUUID()
        + "\ngeneration: 17");
    notPii("phone-like hex and ids", "trace 4bf92f3577b34da6 span 00f067aa0ba902b7 pid 3141592 tid 2718281");
    notPii("dates in several forms", "28.11.2026, 2026/11/28, Nov 28 2026, 20261128");
    notPii("semver ranges", "\"react\": \"^18.3.1\", \"typescript\": \"~5.6.3\", \"node\": \">=20.10.0\"");
    notPii("numbers in a table", "| 2026-11-27 | 1024 | 2048 | 4096 | 8192 |\n| 2026-11-28 | 1100 | 2200 | 4400 | 8800 |");
    notPii("gtin barcode", "GTIN 4006381333931, EAN-13 5901234123457");
  }

  // ---------------------------------------------------------------------------------------------- scoring

  static Outcome score(Item it) {
    return switch (it.kind()) {
      case FORMAT, CONTEXT -> it.split() ? splitOutcome(it) : secretOutcome(it, FILTER.filter(it.text(),
          FilterContext.standalone()));
      case LOOKALIKE -> FILTER.filter(it.text(), FilterContext.standalone()).findings().stream()
          .anyMatch(x -> x.type().equals("secret")) ? Outcome.FALSE_FINDING : Outcome.PASSED;
      case PII -> {
        FilterResult res = FILTER.filter(it.text(), FilterContext.standalone());
        boolean found = res.findings().stream().anyMatch(x -> x.rule().equals(it.rule()));
        yield !found ? Outcome.MISSED : it.values().stream().anyMatch(v -> FilterCorpusTest.leaks(v, res.text()))
            ? Outcome.PARTIAL : Outcome.FOUND;
      }
      case NOT_PII -> FILTER.filter(it.text(), FilterContext.standalone()).findings().stream()
          .anyMatch(x -> x.type().equals("pii") || x.type().equals("secret")) ? Outcome.FALSE_FINDING : Outcome.PASSED;
    };
  }

  private static Outcome secretOutcome(Item it, FilterResult res) {
    if (res.findings().stream().noneMatch(x -> x.type().equals("secret"))) {
      return Outcome.MISSED;
    }
    return it.values().stream().anyMatch(v -> FilterCorpusTest.leaks(v, res.text())) ? Outcome.PARTIAL : Outcome.FOUND;
  }

  /** Streams the text in two chunks split at every offset inside the secret: the worst outcome counts. */
  private static Outcome splitOutcome(Item it) {
    String v = it.values().get(0);
    int at = it.text().indexOf(v);
    Outcome worst = Outcome.FOUND;
    for (int cut = at; cut <= at + v.length(); cut++) {
      StringWriter out = new StringWriter();
      StreamingContentFilter.Summary sum;
      try (StreamingContentFilter sf = StreamingContentFilter.create(
          new Policy.Content(Policy.SecretsMode.REDACT, Policy.InjectionMode.QUARANTINE, 0), out)) {
        sf.write(it.text().substring(0, cut));
        sf.write(it.text().substring(cut));
        sum = sf.finish();
      }
      if (sum.findings().stream().noneMatch(x -> x.type().equals("secret"))) {
        return Outcome.MISSED;
      }
      if (FilterCorpusTest.leaks(v, out.toString())) {
        worst = Outcome.PARTIAL;
      }
    }
    return worst;
  }

  /** Prints the tally per kind and every item that did not come out as expected. */
  public static void main(String[] args) {
    Map<String, int[]> tally = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    for (Item it : items()) {
      Outcome o = score(it);
      int[] t = tally.computeIfAbsent(it.kind() + " " + o, x -> new int[1]);
      t[0]++;
      boolean ok = o == Outcome.FOUND || o == Outcome.PASSED;
      if (!ok) {
        failures.add(it.kind() + " " + o + ": " + it.name());
      }
    }
    tally.forEach((k, v) -> System.out.println(k + " " + v[0]));
    failures.forEach(System.out::println);
  }
}
