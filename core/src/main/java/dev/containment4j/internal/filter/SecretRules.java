/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import static dev.containment4j.internal.filter.SecretRule.entropyAtLeast;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The built-in secret formats. Formats follow the providers' documented token shapes (the same facts gitleaks and
 * secretlint encode); the rule set itself is ours. Every rule is keyed on a literal anchor so that the text is scanned
 * once, not once per rule.
 */
final class SecretRules {
  private SecretRules() {}

  private static final List<String> AKID_PREFIXES =
      List.of("akia", "asia", "agpa", "aida", "aroa", "aipa", "anpa", "anva", "abia", "acca", "a3t");

  /** A name that says its value is a secret (the names of the generic assignment rule), without a capture group. */
  private static final String SECRET_NAME = "[A-Za-z0-9_.\\-]{0,40}(?i:secret|token|passw(?:or)?d|pwd|passphrase|"
      + "credentials?|api[_.\\-]?key|apikey|access[_.\\-]?key|private[_.\\-]?key|auth[_.\\-]?key|"
      + "connection[_.\\-]?string)[A-Za-z0-9_.\\-]{0,24}";
  private static final String DISCORD_TOKEN =
      "(?<![A-Za-z0-9_.\\-])([MNO][A-Za-z0-9_\\-]{23,27}\\.[A-Za-z0-9_\\-]{6}\\.[A-Za-z0-9_\\-]{27,38})(?![A-Za-z0-9_\\-])";

  static final List<SecretRule> ALL = build();

  private static List<SecretRule> build() {
    List<SecretRule> r = new ArrayList<>();
    // --- AWS
    r.add(rule("aws-access-key-id", AKID_PREFIXES,
        "(?<![A-Za-z0-9])((?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16})(?![A-Za-z0-9])",
        1, 8, 24, v -> !v.endsWith("EXAMPLE") && !Entropy.isPlaceholder(v.substring(4)) && Entropy.shannon(v) >= 3.0,
        90));
    r.add(rule("aws-secret-access-key",
        List.of("aws_secret", "secret_access_key", "secretaccesskey", "secret-access-key", "aws_secret_key",
            "awssecretkey", "secret_key"),
        "(?i:aws_?secret_?(?:access_?)?key|secret_?access_?key|secret-access-key|aws_?secret_?key)[\"']?\\s{0,5}"
            + "(?::=|=>|=|:|,)\\s{0,5}[\"']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])",
        1, 40, 80, v -> !v.contains("EXAMPLE") && entropyAtLeast(3.5).accept(v), 95));
    // the "aws configure" prompt, whose label has spaces and a bracketed current value
    r.add(rule("aws-secret-access-key", List.of("secret access key"),
        "(?i:secret access key)(?:\\s*\\[[^\\]\\n]{0,40}\\])?\\s*[:=]\\s*([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])", 1, 20, 110,
        v -> !v.contains("EXAMPLE") && entropyAtLeast(3.5).accept(v), 95));
    // an unlabelled 40-character secret next to an access key id (credentials.csv, "aws configure" echo)
    r.add(rule("aws-secret-access-key", AKID_PREFIXES,
        "(?<![A-Za-z0-9/+=])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])", 1, 300, 400,
        v -> !v.contains("EXAMPLE") && Entropy.charClasses(v) >= 3 && Entropy.shannon(v) >= 4.3
            && !Entropy.isPlaceholder(v), 85));
    r.add(rule("aws-session-token",
        List.of("session_token", "sessiontoken", "security_token", "securitytoken", "session-token"),
        "(?i:session_?token|security_?token|session-token)[\"']?\\s{0,5}(?::=|=>|=|:)\\s{0,5}[\"']?"
            + "([A-Za-z0-9/+=]{100,})",
        1, 40, 2000, entropyAtLeast(4.0), 95));
    r.add(rule("aws-session-token", List.of("iqojb3jpz2lux2vj", "fwogzxivyxdz"),
        "(?<![A-Za-z0-9/+=])((?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdz)[A-Za-z0-9/+=]{80,})", 1, 20, 3000,
        entropyAtLeast(4.0), 95));
    // --- GitHub / GitLab
    r.add(rule("github-token", List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
        "(?<![A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{36,251})(?![A-Za-z0-9])", 1, 8, 260, token(4), 100));
    r.add(rule("github-token", List.of("github_pat_"),
        "(?<![A-Za-z0-9_])(github_pat_[A-Za-z0-9_]{50,255})", 1, 16, 270, token(11), 100));
    r.add(rule("gitlab-token",
        List.of("glpat-", "gloas-", "gldt-", "glrt-", "glptt-", "glcbt-", "glimt-", "glsoat-", "glffct-", "glagent-",
            "glft-", "glwt-"),
        "(?<![A-Za-z0-9_])(gl(?:pat|oas|dt|rt|ptt|cbt|imt|soat|ffct|agent|ft|wt)-[A-Za-z0-9_\\-.]{20,300})", 1, 10, 320,
        v -> !Entropy.isPlaceholder(v.substring(v.indexOf('-') + 1)) && Entropy.shannon(v) >= 3.5, 100));
    // --- Slack
    r.add(rule("slack-token", List.of("xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxo-", "xoxe-", "xoxe."),
        "(?<![A-Za-z0-9])(xox(?:[abposr]|e\\.xox[bp]|e)-[A-Za-z0-9-]{10,250})", 1, 8, 260,
        v -> !Entropy.isPlaceholder(v.substring(5)) && Entropy.shannon(v) >= 3.0, 100));
    r.add(rule("slack-token", List.of("xapp-"),
        "(?<![A-Za-z0-9])(xapp-\\d-[A-Z0-9]{8,}-\\d{6,}-[a-z0-9]{32,})", 1, 8, 200, token(5), 100));
    r.add(rule("slack-webhook", List.of("hooks.slack.com/", "hooks.slack.com\\/"),
        "hooks\\.slack\\.com\\\\?/(?:services|workflows|triggers)\\\\?/((?:[A-Za-z0-9+_\\-]|\\\\?/){20,200})", 1, 20, 260,
        v -> !Entropy.isPlaceholder(v), 100));
    // --- Stripe
    r.add(rule("stripe-key", List.of("sk_live_", "sk_test_", "rk_live_", "rk_test_"),
        "(?<![A-Za-z0-9_])([sr]k_(?:live|test)_[A-Za-z0-9]{16,247})(?![A-Za-z0-9])", 1, 10, 260, token(8), 100));
    r.add(rule("stripe-webhook-secret", List.of("whsec_"),
        "(?<![A-Za-z0-9_])(whsec_[A-Za-z0-9+/=]{24,})", 1, 10, 120, token(6), 100));
    // --- Google
    r.add(rule("google-api-key", List.of("aiza"),
        "(?<![A-Za-z0-9_-])(AIza[0-9A-Za-z_\\-]{35})(?![A-Za-z0-9_-])", 1, 8, 48, token(4), 100));
    r.add(rule("google-oauth-secret", List.of("gocspx-"),
        "(?<![A-Za-z0-9_-])(GOCSPX-[A-Za-z0-9_\\-]{24,40})", 1, 10, 60, token(7), 100));
    r.add(rule("google-oauth-token", List.of("ya29."),
        "(?<![A-Za-z0-9_-])(ya29\\.[A-Za-z0-9_\\-.]{30,2000})", 1, 8, 2020, token(5), 100));
    r.add(rule("gcp-service-account-key", List.of("\"private_key\""),
        "\"private_key\"\\s*:\\s*\"([^\"]{40,8000})\"", 1, 16, 8200,
        v -> v.contains("PRIVATE KEY") && !Entropy.isPlaceholder(stripPem(v)), 110));
    r.add(rule("gcp-service-account-key", List.of("\"private_key_id\""),
        "\"private_key_id\"\\s*:\\s*\"([a-f0-9]{40})\"", 1, 20, 80, entropyAtLeast(3.0), 110));
    // --- Azure
    r.add(rule("azure-storage-key", List.of("accountkey="),
        "(?i:AccountKey)=([A-Za-z0-9+/]{40,100}={0,2})", 1, 16, 120, entropyAtLeast(4.0), 100));
    r.add(rule("azure-shared-access-key", List.of("sharedaccesskey="),
        "(?i:SharedAccessKey)=([A-Za-z0-9+/]{30,100}={0,2})", 1, 20, 120, entropyAtLeast(4.0), 100));
    r.add(rule("azure-sas-token", List.of("sig="),
        "[?&;](?:sv|ss|srt|sp|se|st|spr|sr|sig)=[^\\s&\"'<>]*(?:&[a-z]{1,5}=[^\\s&\"'<>]*){1,12}?&sig=([A-Za-z0-9%+/=]{30,120})"
            + "|(?<=[?&])sig=([A-Za-z0-9%+/]{40,120}(?:%3D|=){0,2})(?=[\\s&\"'<>]|$)",
        -1, 400, 130, v -> v.length() >= 30 && Entropy.shannon(v) >= 4.0 && !Entropy.isPlaceholder(v), 100));
    r.add(rule("azure-client-secret", List.of("q~"),
        "(?<![A-Za-z0-9_~.-])([A-Za-z0-9_~.-]{3}\\dQ~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])", 1, 6, 40,
        entropyAtLeast(4.0), 100));
    // --- AI providers, package registries
    r.add(rule("anthropic-api-key", List.of("sk-ant-"),
        "(?<![A-Za-z0-9_-])(sk-ant-(?:api|admin|oat|sid)?\\d{0,2}-?[A-Za-z0-9_\\-]{32,200})", 1, 8, 220, token(7),
        105));
    r.add(rule("openai-api-key", List.of("sk-"),
        "(?<![A-Za-z0-9_-])(sk-(?!ant-)(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_\\-]{20,200})(?![A-Za-z0-9_-])", 1, 4,
        220, v -> v.length() >= 32 && Entropy.charClasses(v.substring(3)) >= 2 && token(3).accept(v), 100));
    r.add(rule("npm-token", List.of("npm_"),
        "(?<![A-Za-z0-9_])(npm_[A-Za-z0-9]{36})(?![A-Za-z0-9])", 1, 6, 44, token(4), 100));
    r.add(rule("pypi-token", List.of("pypi-"),
        "(?<![A-Za-z0-9_])(pypi-[A-Za-z0-9_\\-]{50,400})", 1, 6, 420, token(5), 100));
    // --- other providers whose tokens carry a documented prefix (the shapes gitleaks encodes); anchors that occur
    // in ordinary code ("sg." of msg., "key-") are left out: those tokens are found by secret-assignment when named
    r.add(rule("provider-token", List.of("hf_", "shpat_", "shpca_", "shppa_", "shpss_", "dop_v1_", "doo_v1_",
        "dor_v1_", "hvs.", "hvb.", "dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "glsa_", "nrak-", "lin_api_", "pmak-", "dapi",
        "sbp_", "r8_", "gsk_", "pplx-", "xai-", "pul-", "tskey-", "age-secret-key-1", "figd_", "atatt3", "ntn_",
        "sntrys_", "sntryu_", "pscale_"),
        "(?<![A-Za-z0-9_.\\-])(hf_[A-Za-z]{34}|shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}|do[opr]_v1_[a-f0-9]{64}"
            + "|hv[sb]\\.[A-Za-z0-9_\\-]{24,200}|dp\\.(?:pt|st|sa|ct)\\.(?:[a-z0-9_\\-]{2,35}\\.)?[A-Za-z0-9]{40,64}"
            + "|glsa_[A-Za-z0-9]{32}_[a-fA-F0-9]{8}|NRAK-[A-Z0-9]{27}|lin_api_[A-Za-z0-9]{40}"
            + "|PMAK-[a-f0-9]{24}-[a-f0-9]{34}|dapi[a-f0-9]{32}(?:-\\d)?|sbp_[a-f0-9]{40}|r8_[A-Za-z0-9]{37}"
            + "|gsk_[A-Za-z0-9]{52}|pplx-[A-Za-z0-9]{48}|xai-[A-Za-z0-9]{80}|pul-[a-f0-9]{40}"
            + "|tskey-[a-z]{0,8}-?[A-Za-z0-9]{8,}-[A-Za-z0-9]{16,}"
            + "|AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}|figd_[A-Za-z0-9_\\-]{40}"
            + "|ATATT3[A-Za-z0-9_\\-=]{150,220}|ntn_[A-Za-z0-9]{40,50}|sntrys_[A-Za-z0-9+/=_\\-]{80,400}"
            + "|sntryu_[a-f0-9]{64}|pscale_(?:tkn|pw|oauth)_[A-Za-z0-9=._\\-]{32,64})(?![A-Za-z0-9_\\-])",
        1, 4, 220, v -> !Entropy.isPlaceholder(v) && Entropy.shannon(v) >= 3.2, 95));
    // session 7: prefixes common in ordinary code ("msg.", "key-", "task0") or no prefix at all. Each has a rule of its
    // own with a small window, so the frequent anchor costs one short regex attempt, and a shape exact enough that the
    // anchor alone never is a finding: SendGrid SG.<22>.<43>, Mailgun key-<32 hex>, Twilio API key SK<32 hex>
    r.add(rule("provider-token", List.of("sg."),
        "(?<![A-Za-z0-9_.\\-])(SG\\.[A-Za-z0-9_\\-]{22}\\.[A-Za-z0-9_\\-]{43})(?![A-Za-z0-9_\\-])", 1, 4, 72,
        v -> !Entropy.isPlaceholder(v.substring(3)) && Entropy.shannon(v) >= 3.5, 95));
    r.add(rule("provider-token", List.of("key-"),
        "(?<![A-Za-z0-9_.\\-])(key-[a-f0-9]{32})(?![A-Za-z0-9_\\-])", 1, 4, 40, token(4), 95));
    r.add(rule("provider-token", List.of("sk0", "sk1", "sk2", "sk3", "sk4", "sk5", "sk6", "sk7", "sk8", "sk9", "ska",
        "skb", "skc", "skd", "ske", "skf"),
        "(?<![A-Za-z0-9_.\\-])(SK[a-f0-9]{32})(?![A-Za-z0-9_\\-])", 1, 3, 36, token(2), 95));
    // Telegram bot tokens: <bot id>:AA<secret>, bare or in the Bot API's URL path (https://api.telegram.org/bot<token>/)
    r.add(rule("provider-token", List.of(":aa"),
        "(?:(?<=/bot)|(?<![A-Za-z0-9_:.\\-]))(\\d{8,10}:AA[A-Za-z0-9_\\-]{32,34})(?![A-Za-z0-9_\\-])", 1, 16, 40,
        v -> token(v.indexOf(':') + 3).accept(v), 95));
    // Grafana Cloud glc_<base64>, Terraform Cloud <14>.atlasv1.<60-70>
    r.add(rule("provider-token", List.of("glc_"),
        "(?<![A-Za-z0-9_.\\-])(glc_[A-Za-z0-9+/]{32,400}={0,2})(?![A-Za-z0-9+/=_\\-])", 1, 4, 410, token(4), 95));
    r.add(rule("provider-token", List.of(".atlasv1."),
        "(?<![A-Za-z0-9_.\\-])([a-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_\\-=]{60,70})(?![A-Za-z0-9_\\-=])", 1, 24, 80,
        v -> token(23).accept(v), 95));
    // session 11: more documented prefixes (each with its length and alphabet). Anchors that are common substrings
    // ("pat", "atta", "sl.", "-us", "v1.0-") get a window of a few characters and a shape the anchor alone never fits
    r.add(rule("provider-token", List.of("api_org_", "lsv2_pt_", "lsv2_sk_", "pcsk_", "dckr_pat_", "dckr_oat_", "nfp_",
        "nfo_", "fo1_", "fm1r_", "fm2_", "sb_secret_", "hrku-aa", "sq0atp-", "sq0csp-", "ops_eyj", "dt0c01.", "squ_",
        "sqp_", "sqa_", "rubygems_", "xkeysib-", "xsmtpsib-", "sk.eyj", "phx_", "cfpat-", "atbb", "pat-na1-", "pat-eu1-",
        "pnu_", "bkua_", "absk", "bedrock-api-key-", "nrii-", "nrjs-", "akid", "ltai",
        "akcp", "cmvmdgtu"),
        "(?<![A-Za-z0-9_.\\-])(api_org_[A-Za-z]{34}|lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}"
            + "|pcsk_[A-Za-z0-9]{4,8}_[A-Za-z0-9]{50,80}|dckr_(?:pat|oat)_[A-Za-z0-9_\\-]{27,40}"
            + "|nf[po]_[A-Za-z0-9]{36,40}|fo1_[A-Za-z0-9_\\-]{43}|fm(?:1r|2)_[A-Za-z0-9+/=_\\-]{100,2000}"
            + "|sb_secret_[A-Za-z0-9_\\-]{30,60}|HRKU-AA[A-Za-z0-9_\\-]{58}|sq0atp-[A-Za-z0-9_\\-]{22}"
            + "|sq0csp-[A-Za-z0-9_\\-]{43}|ops_eyJ[A-Za-z0-9+/]{250,4000}={0,3}"
            + "|dt0c01\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}|sq[upa]_[a-f0-9]{40}|rubygems_[a-f0-9]{48}"
            + "|x(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16}|sk\\.eyJ[A-Za-z0-9_\\-]{40,300}\\.[A-Za-z0-9_\\-]{20,40}"
            + "|phx_[A-Za-z0-9]{43}|CFPAT-[A-Za-z0-9_\\-]{43}|ATBB[A-Za-z0-9]{32}(?:[A-F0-9]{8})?"
            + "|pat-(?:na|eu)1-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}|pnu_[A-Za-z0-9]{36}"
            + "|bkua_[a-f0-9]{40}|ABSK[A-Za-z0-9+/]{100,400}={0,2}|bedrock-api-key-[A-Za-z0-9+/]{100,2000}={0,2}"
            + "|NRII-[A-Za-z0-9_\\-]{32}|NRJS-[a-f0-9]{19}|AKID[A-Za-z0-9]{32}|LTAI[A-Za-z0-9]{12,20}"
            // JFrog API keys and reference tokens ("reftkn" in base64)
            + "|AKCp[A-Za-z0-9]{69}|cmVmdGtu[A-Za-z0-9]{56})"
            + "(?![A-Za-z0-9_\\-])",
        1, 4, 2010, v -> token(v.indexOf('_') > 0 && v.indexOf('_') < 12 ? v.indexOf('_') + 1 : 4).accept(v)
            && Entropy.charClasses(v) >= 2, 95));
    // prefixes that are common substrings of words or version strings: exact shape, tiny window
    r.add(rule("provider-token", List.of("pat"),
        "(?<![A-Za-z0-9_.\\-])(pat[A-Za-z0-9]{14}\\.[a-f0-9]{64})(?![A-Za-z0-9_\\-])", 1, 3, 84, token(3), 95));
    r.add(rule("provider-token", List.of("atta"),
        "(?<![A-Za-z0-9_.\\-])(ATTA[A-Fa-f0-9]{64,72})(?![A-Za-z0-9_\\-])", 1, 4, 76, token(4), 95));
    r.add(rule("provider-token", List.of("sl."),
        "(?<![A-Za-z0-9_.\\-])(sl\\.(?:u\\.)?[A-Za-z0-9_\\-]{130,1400})(?![A-Za-z0-9_\\-])", 1, 3, 1410, token(3), 95));
    r.add(rule("provider-token", List.of("v1.0-"),
        "(?<![A-Za-z0-9_.\\-])(v1\\.0-[a-f0-9]{24}-[a-f0-9]{146})(?![A-Za-z0-9_\\-])", 1, 5, 180, token(5), 95));
    r.add(rule("provider-token", List.of("eaaa"),
        "(?<![A-Za-z0-9_.\\-])(EAAA[A-Za-z0-9_\\-]{60})(?![A-Za-z0-9_\\-])", 1, 4, 64, token(4), 95));
    r.add(rule("provider-token", List.of("oy2"),
        "(?<![A-Za-z0-9_.\\-])(oy2[a-z0-9]{43})(?![A-Za-z0-9_\\-])", 1, 3, 46,
        v -> token(3).accept(v) && Entropy.charClasses(v) >= 2, 95));
    // Braintree/PayPal access tokens access_token$production$<16>$<32 hex>
    r.add(rule("provider-token", List.of("access_token$"),
        "(access_token\\$(?:production|sandbox)\\$[a-z0-9]{16}\\$[a-f0-9]{32})(?![A-Za-z0-9_\\-])", 1, 13, 80,
        v -> token(v.lastIndexOf('$') + 1).accept(v), 95));
    // Mailchimp <32 hex>-us<dc>, New Relic license keys <36 hex>NRAL, Firebase Cloud Messaging server keys
    r.add(rule("provider-token", List.of("-us"),
        "(?<![A-Za-z0-9_.\\-])([a-f0-9]{32}-us\\d{1,2})(?![A-Za-z0-9_\\-])", 1, 36, 6, v -> token(0).accept(v), 95));
    r.add(rule("provider-token", List.of("nral"),
        "(?<![A-Za-z0-9_.\\-])([a-f0-9]{36}NRAL)(?![A-Za-z0-9_\\-])", 1, 40, 2, token(0), 95));
    r.add(rule("provider-token", List.of(":apa91b"),
        "(?<![A-Za-z0-9_.\\-])(AAAA[A-Za-z0-9_\\-]{7}:APA91b[A-Za-z0-9_\\-]{130,140})(?![A-Za-z0-9_\\-])", 1, 20, 145,
        token(18), 95));
    // Microsoft's identifiable 84-character keys (Azure DevOps PATs and others): 52 random, the JQQJ signature, 28 more
    r.add(rule("provider-token", List.of("jqqj"),
        "(?<![A-Za-z0-9_.\\-])([A-Za-z0-9]{52}JQQJ[A-Za-z0-9]{28})(?![A-Za-z0-9_\\-])", 1, 60, 32,
        v -> token(0).accept(v.substring(0, 52)) && Entropy.charClasses(v) >= 3, 95));
    // Google OAuth refresh tokens 1//0<...>, Notion's legacy secret_<43>, Twitter/X app bearer tokens (a run of 'A', then
    // URL-encoded base64)
    r.add(rule("google-oauth-token", List.of("1//0"),
        "(?<![A-Za-z0-9_.:/\\-])(1//0[A-Za-z0-9_\\-]{40,400})(?![A-Za-z0-9_\\-])", 1, 4, 410, token(4), 100));
    r.add(rule("provider-token", List.of("secret_"),
        "(?<![A-Za-z0-9_.\\-])(secret_[A-Za-z0-9]{43})(?![A-Za-z0-9_\\-])", 1, 7, 50,
        v -> token(7).accept(v) && Entropy.charClasses(v.substring(7)) >= 3, 95));
    // (keyed on its URL-encoded '/' or '=': a run of 'A' as the key would fire at every character of a base64 blob
    // of zeros)
    r.add(rule("provider-token", List.of("%2f", "%3d"),
        "(?<![A-Za-z0-9%])(A{18,26}[A-Za-z0-9%]{60,180})(?![A-Za-z0-9%])", 1, 200, 180,
        v -> v.contains("%") && token(v.indexOf('%') - 8).accept(v), 95));
    // webhooks: Microsoft Teams incoming webhooks
    r.add(rule("teams-webhook", List.of("webhook.office.com/webhookb2/", "webhook.office.com\\/webhookb2\\/"),
        "webhook\\.office\\.com\\\\?/webhookb2\\\\?/([A-Za-z0-9@\\-]{36,90}\\\\?/IncomingWebhook\\\\?/[A-Za-z0-9\\-\\\\/]{32,90})",
        1, 40, 240, v -> !Entropy.isPlaceholder(v), 100));
    // session 18: a WireGuard interface's private key (32 bytes of base64 after PrivateKey =)
    r.add(rule("private-key", List.of("privatekey"),
        "(?i:privatekey)[ \\t]*=[ \\t]*([A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=)(?![A-Za-z0-9+/=])", 1, 20, 80,
        entropyAtLeast(3.5), 110));
    // minisign / signify secret keys: the line after their "untrusted comment: ... secret key" header
    r.add(rule("private-key", List.of("untrusted comment:"),
        "untrusted comment:[^\\n]{0,80}secret key\\r?\\n([A-Za-z0-9+/]{40,400}={0,2})", 1, 20, 520,
        entropyAtLeast(4.0), 120));
    // Discord: a bot token (<base64 user id>.<6>.<27-38>) has no literal of its own; it is found where the text names
    // Discord or sends it as "Authorization: Bot ...", and a webhook URL by its path
    // (session 11: "import discord" at the top of a bot script is often more than 200 characters from bot.run(...))
    r.add(rule("discord-token", List.of("discord"), DISCORD_TOKEN, 1, 2000, 2000, SecretRules::isDiscordToken, 95));
    r.add(rule("discord-token", List.of("bot "), DISCORD_TOKEN, 1, 200, 200, SecretRules::isDiscordToken, 95));
    r.add(rule("discord-webhook", List.of("discord.com/api/webhooks/", "discordapp.com/api/webhooks/",
            "discord.com\\/api\\/webhooks\\/", "discordapp.com\\/api\\/webhooks\\/"),
        "discord(?:app)?\\.com\\\\?/api\\\\?/webhooks\\\\?/\\d{15,20}\\\\?/([A-Za-z0-9_\\-]{60,80})", 1, 30, 130,
        v -> !Entropy.isPlaceholder(v) && Entropy.shannon(v) >= 3.5, 100));
    // --- keys and tokens with a structure
    r.add(rule("private-key", List.of("-----begin"),
        "-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP |SSH2 ENCRYPTED )?PRIVATE KEY(?: BLOCK)?)-----"
            + "(?:[\\s\\S]{16,20000}?-----END \\1-----|[\\sA-Za-z0-9+/=:,\\-\\\\]{32,20000})",
        0, 12, 20100, v -> !Entropy.isPlaceholder(stripPem(v)) && Entropy.shannon(stripPem(v)) >= 4.0, 120));
    // a PEM private key URL-encoded (form posts, query strings): spaces as %20 or +, line breaks as %0A
    r.add(rule("private-key", List.of("-----begin%20", "-----begin+"),
        "-----BEGIN(?:%20|\\+)[A-Z0-9%+]{0,40}PRIVATE(?:%20|\\+)KEY[A-Z%+]{0,12}-----"
            + "(?:[A-Za-z0-9%+/=._\\-]{32,30000}?-----END[A-Za-z0-9%+]{1,60}-----|[A-Za-z0-9%+/=._\\-]{32,30000})",
        0, 12, 30100, v -> Entropy.shannon(v) >= 4.0 && !Entropy.isPlaceholder(v.replace("%2F", "/")), 120));
    r.add(rule("jwt", List.of("eyj"),
        "(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{10,2000}\\.eyJ[A-Za-z0-9_-]{10,8000}\\.[A-Za-z0-9_-]{0,2000})"
            + "(?![A-Za-z0-9_-])",
        1, 4, 12100, SecretRules::isJwt, 100));
    // --- URLs with credentials (session 11: also with JSON-escaped slashes, ":\/\/", and any scheme for user info)
    r.add(rule("database-url-password", List.of("://", ":\\/\\/"),
        ":\\\\?/\\\\?/(?<=(?<![A-Za-z0-9+.\\-])(?i:postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|redis|rediss|amqps?|"
            + "mssql|sqlserver|oracle|cockroachdb|clickhouse|couchdb|neo4j(?:\\+s)?|jdbc:[a-z]{1,20}):\\\\?/\\\\?/)"
            // session 16: the user may be empty (redis://:password@host, Redis before ACLs has no user)
            + "[^\\s:/@\"'<>]{0,64}:([^\\s@\"'<>/]{3,128})@[^\\s\"'<>]{2,}",
        1, 40, 300, SecretRules::isUrlPassword, 90));
    // (the pattern opens with "://" and looks back for the scheme: a scheme pattern first would be tried, and
    // backtracked, at every position of every window around the frequent "://")
    r.add(rule("basic-auth-url", List.of("://", ":\\/\\/"),
        ":\\\\?/\\\\?/(?<=(?<![A-Za-z0-9+.\\-])[A-Za-z][A-Za-z0-9+.\\-]{1,24}:\\\\?/\\\\?/)"
            + "[^\\s:/@\"'<>\\\\]{1,64}:([^\\s@\"'<>/\\\\]{3,256})@[A-Za-z0-9.\\-\\[\\]]{2,}",
        1, 40, 420, SecretRules::isUrlPassword, 80));
    // a generated token as the whole user info (git clone https://<token>@host/...); not a Sentry DSN, whose key is
    // public by design (it ships in web pages)
    r.add(rule("basic-auth-url", List.of("://"),
        "://(?<=(?<![A-Za-z0-9+.\\-])(?i:https?|git|ssh|ftps?)://)([A-Za-z0-9_\\-]{20,100})@"
            + "(?![A-Za-z0-9.\\-]*(?i:sentry|ingest))[A-Za-z0-9.\\-\\[\\]]{2,}", 1, 16, 130,
        SecretRules::isRandomLiteral, 80));
    // a URL with user info, URL-encoded as a query value (?dsn=postgres%3A%2F%2Fapp%3Apw%40db)
    r.add(rule("basic-auth-url", List.of("%3a%2f%2f"),
        "(?<![A-Za-z0-9+.\\-])[A-Za-z][A-Za-z0-9+.\\-]{1,24}%3[Aa]%2[Ff]%2[Ff][A-Za-z0-9._~\\-]{1,64}%3[Aa]"
            + "((?:[^\\s@&\"'<>/%]|%(?!40)[0-9A-Fa-f]{2}){3,256})%40",
        1, 40, 420, SecretRules::isUrlPassword, 80));
    // registry credentials stored as base64 of "user:password": Docker/Podman/Helm config.json "auth" and .npmrc's
    // legacy _auth; the value is only a finding when it decodes to a user and a real password
    r.add(rule("registry-auth", List.of("\"auth\"", "_auth"),
        "(?:\"auth\"\\s*:\\s*\"|(?<![A-Za-z0-9_])_auth\\s*=\\s*[\"']?)([A-Za-z0-9+/]{8,800}={0,2})(?![A-Za-z0-9+/=])",
        1, 24, 830, SecretRules::isEncodedUserPassword, 85));
    // --- headers and command lines (session 11: ':' in a bearer token, as Asana's; the other schemes of
    // Authorization headers; token and API-key flags; mysql's attached -p and sshpass)
    r.add(rule("bearer-token", List.of("bearer "),
        "(?i:bearer)\\s+([A-Za-z0-9._~+/:\\-]{20,4000}=*)", 1, 8, 4100, entropyAtLeast(3.5), 70));
    r.add(rule("bearer-token", List.of("authorization"),
        "(?i:authorization)[\"']?\\s*[:=]\\s*[\"']?(?:SSWS|Token|token|Key|ApiKey|Api-Key|GenieKey|Splunk|OAuth"
            + "|Klaviyo-API-Key|DeepL-Auth-Key)\\s+(?:token=)?([A-Za-z0-9._~+/:\\-]{16,4000}=*)",
        1, 16, 4100, v -> entropyAtLeast(3.5).accept(v) && isAssignedValue(v), 70));
    r.add(rule("basic-auth-header", List.of("basic "),
        "(?i:authorization)[\"']?\\s*[:=]\\s*[\"']?(?i:basic)\\s+([A-Za-z0-9+/]{8,500}={0,2})", 1, 60, 520,
        v -> !Entropy.isPlaceholder(v) && Entropy.shannon(v) >= 2.5, 75));
    r.add(rule("cli-password", List.of("-u ", "--user ", "--password", "-p'", "-p\"", "--passwd", "--token",
            "--api-key", "--apikey", "--api_key", "--access-token", "--auth-token", "--client-secret",
            // session 11: any flag whose last word names a secret (--access-key-secret, --db-password, --bot_token)
            "-secret", "_secret", "-password", "_password", "-token", "_token", "-key ", "-key="),
        "(?:(?<=\\s)(?:-u|--user)\\s+['\"]?[^\\s:'\"]{1,64}:([^\\s'\"]{6,128})"
            + "|--(?:[a-z0-9]+[-_])*(?:password|passwd|token|api[-_]?key|secret|secret[-_]key|private[-_]key"
            + "|access[-_]key)"
            + "(?:[= ]|[ \\t]*\\r?\\n[ \\t]*-[ \\t]+)['\"]?([^\\s'\"]{6,128}))",
        -1, 20, 200, SecretRules::isAssignedValue, 60));
    r.add(rule("cli-password", List.of("mysql", "mariadb", "sshpass"),
        "(?:(?<![A-Za-z0-9_])(?:mysql(?:dump|admin)?|mariadb(?:-dump)?)[^\\n]{0,200}?\\s-p([^\\s'\"\\-][^\\s'\"]{3,127})"
            + "|sshpass\\s+-p\\s*['\"]?([^\\s'\"]{4,128}))",
        -1, 10, 240, v -> v.length() >= 6 && isUrlPassword(v), 60));
    // session 11: more CLIs that take a password as an argument, and a PuTTY key's private lines
    r.add(rule("cli-password", List.of("redis-cli", "-passin", "-passout", "-pass ", "convertto-securestring",
            "docker login", "podman login", "buildah login", "skopeo login", "nerdctl login", "oras login",
            "registry login", "az login"),
        "(?:redis-cli[^\\n]{0,200}?\\s-a\\s+['\"]?([^\\s'\"]{4,128})"
            + "|-pass(?:in|out)?\\s+['\"]?pass:([^\\s'\"]{4,128})"
            + "|(?i:convertto-securestring)\\s+(?:-String\\s+)?[\"']([^\"'\\n]{4,128})[\"']"
            + "|(?:docker|podman|buildah|skopeo|nerdctl|oras|helm registry|az)\\s+login\\b[^\\n]{0,200}?\\s-p\\s+['\"]?"
            + "([^\\s'\"\\-][^\\s'\"]{3,127}))",
        -1, 24, 300, v -> v.length() >= 6 && isUrlPassword(v), 60));
    r.add(rule("client-credential", List.of("getconnection("),
        "(?i:getConnection)\\(\\s*[^,()\\n]{1,300},\\s*[\"'][^\"'\\n]{0,64}[\"']\\s*,\\s*[\"']([^\"'\\n]{4,128})[\"']",
        1, 16, 460, v -> v.length() >= 6 && isUrlPassword(v), 65));
    r.add(rule("private-key", List.of("private-lines:"),
        "Private-Lines:\\s*\\d{1,3}\\r?\\n((?:[A-Za-z0-9+/=]{4,}(?:\\r?\\n|$)){1,200})", 1, 16, 16000,
        v -> Entropy.shannon(v) >= 4.0 && !Entropy.isPlaceholder(v), 120));
    // session 21: a session or login cookie in a Cookie or Set-Cookie header signs in as its owner
    r.add(rule("session-cookie", List.of("cookie:"),
        "(?<=[:;][ \\t]{0,3})(?i:[\\w.-]*(?:sess(?:ion)?(?:id)?|sid|auth[\\w-]*|token|jwt|remember[\\w-]*|login)"
            + "[\\w.-]*)=([^;\\s,\"']{16,1024})", 1, 12, 1500,
        v -> !Entropy.isPlaceholder(v) && Entropy.shannon(v) >= 3.5, 70));
    // SMTP/IMAP/POP AUTH PLAIN in a mail transcript: base64 of "authzid NUL user NUL password"
    r.add(rule("basic-auth-header", List.of("auth plain "),
        "(?i:auth plain)\\s+([A-Za-z0-9+/]{8,400}={0,2})(?![A-Za-z0-9+/=])", 1, 12, 420, SecretRules::isSaslPlain, 75));
    // HTTP client credentials in code: requests' auth=("user", "password"), HTTPBasicAuth("user", "password"), and a
    // random string literal handed to an SDK client's constructor (cohere.ClientV2("..."), twilio Client(sid, token))
    r.add(rule("client-credential", List.of("auth=(", "auth = (", "basicauth("),
        "(?i:auth\\s*=\\s*\\(|basicauth\\()\\s*[\"'][^\"'\\n]{1,64}[\"']\\s*,\\s*[\"']([^\"'\\n]{6,128})[\"']",
        1, 12, 240, SecretRules::isUrlPassword, 65));
    r.add(rule("client-credential", List.of("client(", "clientv2("),
        "(?i:client(?:v\\d)?)\\(\\s*(?:[\"'][^\"'\\n]{1,100}[\"']\\s*,\\s*)?[\"']([A-Za-z0-9_\\-]{20,100})[\"']",
        1, 12, 240, SecretRules::isRandomLiteral, 65));
    // --- a secret-named entry whose value sits in the next field: Kubernetes/ECS env lists (name:/value:, JSON
    // "name"/"value"), .NET appSettings and Ant/Tomcat <... key|name="X" value="...">, XML elements, .netrc, .pgpass
    // (one rule per form, each opening with its literal, so the search through the window skips ahead quickly)
    r.add(rule("secret-assignment-field", List.of("name:"),
        "name:[ \\t]*[\"']?" + SECRET_NAME + "[\"']?[ \\t]*\\r?\\n[ \\t]*-?[ \\t]*value:[ \\t]*[\"']?([^\\s\"']{8,400})",
        1, 5, 520, SecretRules::isAssignedValue, 50));
    r.add(rule("secret-assignment-field", List.of("\"name\""),
        "\"name\"\\s*:\\s*\"" + SECRET_NAME + "\"\\s*,\\s*\"value\"\\s*:\\s*\"([^\"]{8,400})\"",
        1, 6, 520, SecretRules::isAssignedValue, 50));
    r.add(rule("secret-assignment-field", List.of("key=\""),
        "key=\"" + SECRET_NAME + "\"\\s+value=\"([^\"]{8,400})\"", 1, 5, 520, SecretRules::isAssignedValue, 50));
    r.add(rule("secret-assignment-field", List.of("name=\""),
        "name=\"" + SECRET_NAME + "\"\\s+value=\"([^\"]{8,400})\"", 1, 6, 520, SecretRules::isAssignedValue, 50));
    r.add(rule("secret-assignment-field", List.of("password>", "passwd>", "secret>", "token>", "apikey>", "api_key>",
            "api-key>", "credentials>", "credential>"),
        "<(?!/)([A-Za-z0-9_.:\\-]{0,40}?(?i:passw(?:or)?d|secret|token|api[_.\\-]?key|apikey|credentials?))>"
            + "([^<\\s]{8,400})</\\1>",
        2, 460, 460, SecretRules::isAssignedValue, 50));
    r.add(rule("secret-assignment-field", List.of("machine "),
        "(?<![A-Za-z0-9_])machine\\s+\\S+(?:\\s+(?:login|account|port)\\s+\\S+){0,3}\\s+password\\s+(\\S{4,128})",
        1, 10, 400, v -> v.length() >= 6 && isUrlPassword(v), 50));
    r.add(rule("secret-assignment-field", List.of(":5432:", ":3306:", ":*:"),
        "(?m)^[A-Za-z0-9.\\-*]{1,253}:(?:\\d{1,5}|\\*):[^:\\s]{1,63}:[^:\\s]{1,63}:(\\S{4,128})$",
        1, 300, 400, v -> v.length() >= 6 && isUrlPassword(v), 50));
    // --- .env / config assignments: last resort, so lowest priority (session 11: JSON inside a JSON string, \"...\")
    // session 11: a human label ("API Key: ..."), a subscript (env["DB_PASSWORD"] = ...), a quoted name and value
    // separated by a comma (PHP define('DB_PASSWORD', '...'), headers.set("X-Api-Key", "...")), a YAML block scalar
    // (password: >- on one line, the value on the next); the comma only after a name that ends in its keyword (so a
    // list of strings such as "appendix-a-keywords", "..." is no assignment); names of public keys
    // (STRIPE_PUBLISHABLE_KEY, VAPID_PUBLIC_KEY) are no secret names
    r.add(rule("secret-assignment",
        List.of("secret", "token", "passw", "pwd", "passphrase", "credential", "api_key", "apikey", "api-key",
            "_key", "-key", ".key", "access_key", "private_key", "auth_key", "api key", "_pat", "-pat", ".pat",
            // session 19: the word for password (or key) in other languages
            "kennw", "contrase", "senha", "mot_de", "motde", "wachtwoord", "haslo", "hasło", "sifre", "şifre",
            "senord", "salasana", "clave", "пароль", "密码", "パスワード", "비밀번호"),
        // not the user info of a URL (https://x-access-token:<token>@github.com/...): basic-auth-url and the token's own
        // rule redact the token there, where this rule's value would run on over the host and path; without the @ it
        // is no user info and this rule applies
        "(?<![A-Za-z0-9_])(?!(?<=://)[^\\s:/@\"'<>\\\\]{1,64}:[^\\s@\"'<>/\\\\]{3,256}@)[\"']?"
            + "(?![A-Za-z0-9_.\\-]{0,40}?(?i:publi(?:c|shable))[_.\\-]?(?:[A-Za-z0-9]{1,12}[_.\\-]){0,3}(?i:key)"
            + "[\"']?(?![A-Za-z0-9_.\\-]))"
            + "([A-Za-z0-9_.\\-]{0,40}(?i:secret|token|passw(?:or)?d|pwd|passphrase|credentials?|"
            + "api[_.\\- ]?key|apikey|access[_.\\-]?key|private[_.\\-]?key|signing[_.\\-]?key|encryption[_.\\-]?key|"
            + "master[_.\\-]?key|client[_.\\-]?key|auth[_.\\-]?key|[_.\\-]key|[_.\\-]pat(?![a-zA-Z])"
            // session 19: other languages' password (and Spanish key), as a configuration name spells it
            + "|(?iu:passw(?:o|ö|oe)rt|kennw(?:o|ö|oe)rt|contrase(?:ñ|n)a|senha|mot_?de_?passe|wachtwoord|has(?:ł|l)o"
            + "|(?:ş|s)ifre|l(?:ö|o)senord|salasana|clave(?:[_.\\-]?(?:api|secreta|privada|de[_.\\-]?acceso))?|пароль"
            + "|密码|パスワード|비밀번호))[A-Za-z0-9_.\\-]{0,24})"
            + "\\\\?[\"']?\\]?"
            + "[ \\t]{0,5}(?::=|=>|=|:|(?<=(?i:secret|token|passw(?:or)?d|pwd|passphrase|credentials?|key)[\"']),"
            + "(?=[ \\t]{0,5}[\"']))[ \\t]{0,5}(?:[|>][-+]?[ \\t]*\\r?\\n[ \\t]+)?"
            + "(?:\\\\?[\"'`])?((?:[^\\s\"'`,;\\\\]|\\\\(?![\"'])){8,400})",
        2, 80, 450, SecretRules::isAssignedValue, 50));
    return List.copyOf(r);
  }

  private static SecretRule rule(
      String id, List<String> anchors, String regex, int group, int back, int fwd, SecretRule.Check check, int prio) {
    return new SecretRule(id, anchors, Pattern.compile(regex), group, back, fwd, check, prio);
  }

  /** A provider token: the part after the prefix is not a placeholder and looks random. */
  private static SecretRule.Check token(int prefixLength) {
    return v -> {
      String body = v.substring(Math.min(prefixLength, v.length()));
      return !Entropy.isPlaceholder(body) && Entropy.shannon(body) >= 3.2;
    };
  }

  /**
   * The key material of a PEM block: armour lines, escaped line breaks and (session 16) whatever a carrier puts before
   * each line (a mail quote's {@code > }, a comment's {@code # }, a diff's {@code +}) removed, so the placeholder and
   * entropy checks read the key, not the quoting ({@code >} alone marks placeholders like {@code <your key>}).
   */
  static String stripPem(String v) {
    return v.replaceAll("-----[A-Z0-9 ]+-----", "").replace("\\n", "").replaceAll("[^A-Za-z0-9+/=]", "");
  }

  private static boolean isJwt(String v) {
    int dot = v.indexOf('.');
    try {
      String header = new String(java.util.Base64.getUrlDecoder().decode(pad(v.substring(0, dot))),
          java.nio.charset.StandardCharsets.ISO_8859_1);
      if (!header.startsWith("{") || !(header.contains("\"alg\"") || header.contains("\"typ\""))) {
        return false;
      }
    } catch (IllegalArgumentException e) {
      return false;
    }
    return !Entropy.isPlaceholder(v.substring(dot + 1));
  }

  private static boolean isDiscordToken(String v) {
    return !Entropy.isPlaceholder(v) && Entropy.shannon(v) >= 3.5 && Entropy.charClasses(v) >= 3;
  }

  private static final Pattern UUID_SHAPE =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  /**
   * A string literal that looks generated: letters and digits mixed, high entropy, not a word or placeholder, and not
   * a UUID (in a client's constructor that is an application or tenant id, which is public).
   */
  private static boolean isRandomLiteral(String v) {
    if (UUID_SHAPE.matcher(v).matches()) {
      return false;
    }
    boolean hex = v.length() >= 32 && v.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    return isAssignedValue(v) && (hex ? Entropy.shannon(v) >= 3.3 : Entropy.shannon(v) >= 3.6 && Entropy.charClasses(v) >= 3);
  }

  private static String pad(String b64) {
    int m = b64.length() % 4;
    return m == 0 ? b64 : m == 2 ? b64 + "==" : m == 3 ? b64 + "=" : b64.substring(0, b64.length() - 1);
  }

  /** Base64 of SASL PLAIN ({@code authzid NUL user NUL password}) whose password is real. */
  private static boolean isSaslPlain(String v) {
    String decoded = base64Text(v);
    int nul = decoded == null ? -1 : decoded.lastIndexOf('\0');
    return nul > 0 && decoded.indexOf('\0') < nul && isUrlPassword(decoded.substring(nul + 1));
  }

  /** {@code v} decoded from base64 as UTF-8, or null when it is no base64. */
  private static String base64Text(String v) {
    try {
      return new String(java.util.Base64.getDecoder().decode(v), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Base64 of {@code user:password} whose password is not empty, a placeholder or a variable. */
  private static boolean isEncodedUserPassword(String v) {
    String decoded = base64Text(v);
    if (decoded == null) {
      return false;
    }
    int colon = decoded.indexOf(':');
    return colon > 0 && decoded.chars().allMatch(c -> c >= 0x20 && c < 0x7f)
        && isUrlPassword(decoded.substring(colon + 1));
  }

  private static boolean isUrlPassword(String v) {
    // "ftp://[[user][:pass]@]host": the brackets of a syntax summary are not part of the value
    String l = v.toLowerCase(Locale.ROOT).replace("[", "").replace("]", "");
    if (Entropy.isPlaceholder(v) || l.equals("password") || l.equals("pass") || l.equals("passwd") || l.equals("pwd")
        || l.equals("secret") || l.equals("user") || l.equals("token") || l.startsWith("$")
        || PASSWORD_IN_OTHER_LANGUAGES.contains(l)) {
      return false;
    }
    return v.length() >= 3;
  }

  /**
   * The word "password" in other languages: the placeholder of translated documentation
   * ("http://Benutzer:Passwort@Server:Port/" in a German man page).
   */
  private static final java.util.Set<String> PASSWORD_IN_OTHER_LANGUAGES = java.util.Set.of("passwort", "kennwort",
      "wachtwoord", "contraseña", "contrasena", "clave", "senha", "motdepasse", "mot_de_passe", "parola", "пароль",
      "hasło", "haslo", "şifre", "sifre", "lösenord", "losenord", "adgangskode", "passord", "salasana", "heslo",
      "jelszó", "jelszo", "parolă", "parola_chiave", "密码", "パスワード", "비밀번호");

  private static final Pattern FILE_NAME =
      Pattern.compile(".*\\.(pem|key|json|txt|crt|cer|p12|pfx|jks|yaml|yml|env|properties|xml|conf|cfg|ini)");
  private static final Pattern WORDISH = Pattern.compile("[A-Za-z_.:\\-]+");
  private static final Pattern DOTTED_WORDS = Pattern.compile("[A-Za-z_\\-]{2,}(?:[.:][A-Za-z_\\-]{2,})+");
  private static final Pattern NUMBERISH = Pattern.compile("[0-9.]+|[0-9a-f]{7,12}");
  /** Lower-case words joined by hyphens, each with at most two digits after it. */
  private static final Pattern NUMBERED_WORDS = Pattern.compile("[a-z]{2,}[0-9]{0,2}(?:-[a-z]{2,}[0-9]{0,2})+");
  /** roff's escapes in a man page's source: {@code \-} (a hyphen), {@code \e}, font changes {@code \fB}, {@code \f(CW}. */
  private static final Pattern ROFF_ESCAPE = Pattern.compile("\\\\(?:-|e|&|f(?:\\(..|\\[[^\\]]*\\]|.))");
  private static final Pattern URI_REFERENCE = Pattern.compile("[a-z][a-z0-9+.\\-]{1,20}://");
  private static final Pattern NESTED_ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,40}=(?!=|$)");

  /** A value assigned to a secret-sounding name that is neither a reference, a path, a word, nor a placeholder. */
  static boolean isAssignedValue(String v) {
    if (v.length() < 8 || Entropy.isPlaceholder(v)) {
      return false;
    }
    // a man page's source ("--labels=my\\-key1=my\\-value1"): read as the page shows it
    v = ROFF_ESCAPE.matcher(v).replaceAll(m -> m.group().equals("\\-") ? "-" : "");
    if (v.length() < 8) {
      return false;
    }
    String l = v.toLowerCase(Locale.ROOT);
    if (URI_REFERENCE.matcher(l).lookingAt() || NESTED_ASSIGNMENT.matcher(v).lookingAt()) {
      return false; // gs://bucket/key.encrypted names where a secret is; "id=KEYID,value=..." is another assignment
    }
    if (l.startsWith(":") || l.startsWith("\\") || l.startsWith("http") || l.startsWith("/") || l.startsWith("./") || l.startsWith("~") || l.startsWith("file:")
        || l.startsWith("env.") || l.startsWith("process.env") || l.startsWith("os.environ") || l.startsWith("secrets.")
        || l.startsWith("vault:") || l.startsWith("ref+") || l.startsWith("arn:") || l.startsWith("sha256:")
        || l.contains("(") || l.contains("getenv") || l.contains("::") || l.equals("required") || l.equals("optional")) {
      return false;
    }
    if (FILE_NAME.matcher(l).matches()) {
      return false;
    }
    // identifiers and words (userPassword, this.password, token_type, my-secret-name); a dotted or namespaced path
    // of words (StreamingDistributionList.NextMarker, t.tokenizer.defaultSeparator) however long
    if (WORDISH.matcher(v).matches() && (v.length() < 20 || Entropy.shannon(v) < 4.0 || DOTTED_WORDS.matcher(v).matches())) {
      return false;
    }
    if (NUMBERED_WORDS.matcher(v).matches()) {
      return false; // documentation's names: my-value1, crypto-key2, kms-keyring2
    }
    if (NUMBERISH.matcher(v).matches()) {
      return false; // numbers, versions, short hashes
    }
    // hex digests (sha1/sha256): high entropy but not secrets when unlabelled
    double h = Entropy.shannon(v);
    int classes = Entropy.charClasses(v);
    if (v.length() < 16) {
      return classes >= 3 && h >= 2.8;
    }
    return classes >= 2 && h >= 3.3;
  }
}
