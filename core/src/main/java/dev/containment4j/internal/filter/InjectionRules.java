/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Prompt-injection features, matched on normalised (folded, lower-case) windows of tool output. A single keyword is
 * never enough: each feature is a phrase that addresses the reader (the assistant) and names what to override, whom
 * to obey or what to do; the window's score is the sum of its features, damped when the text quotes or discusses an
 * attack instead of making one.
 */
final class InjectionRules {
  private InjectionRules() {}

  /** A weighted feature. */
  record Feature(String id, double weight, String[] keys, Pattern pattern) {
    /** Cheap gate: the regex can only match when one of the literal keys occurs in the (normalised) text. */
    boolean mayMatch(String text) {
      for (String k : keys) {
        if (text.contains(k)) {
          return true;
        }
      }
      return false;
    }
  }

  private static String[] keys(String... keys) {
    String[] out = new String[keys.length];
    for (int i = 0; i < keys.length; i++) {
      out[i] = Fold.foldNonAscii(keys[i]);
    }
    return out;
  }

  /**
   * The trigger keywords, in a class of their own: the trigger pass ({@link Scanner}) reads them without compiling
   * this class's patterns, which a caller that only redacts secrets (audit text) never needs.
   */
  static final class Anchors {
    /** Trigger keywords: a window is examined only where one of these occurs. */
    static final List<String> WORDS = List.of(
        "ignor", "disregard", "forget", "overrid", "bypass", "instruction", "prompt", "assistant", "agent:", "agents:",
        "agent,", "agents,", "ai agent", "agents reading", "agent reading", "the agent", "dear agent", "hey agent",
        " ai ", " ai:", " ai,", "a.i.", "llm", "language model", "claude", "chatgpt", "gpt", "gemini", "copilot",
        "system:", "system :", "system message", "system prompt", "system note", "system override", "system update",
        "system alert", "system mode", "admin:", "admin override", "administrator:", "developer:", "developer mode",
        "root:", "operator:", "security override", "emergency override", "\nuser:", "\nhuman:", "\nassistant:",
        "\nai:", "human:", "<|", "|>", "</tool", "</function", "</system", "</user", "</assistant", "</human",
        "</instructions", "</admin", "</search", "</document", "</untrusted", "<system", "<user", "<assistant",
        "<human", "<ai>", "<model>", "[inst", "[/inst", "<<sys", "[system", "[/system", "[sys", "<tool_", "<function_",
        "<admin", "<instructions", "<search_result", "<document_content", "authorized you", "authorised you",
        "authorized to", "authorised to", "authorized the", "authorised the", "authorized all", "has authori",
        "have authori", "are authori", "been authori", "approved", "permission to", "do not ask", "don't ask",
        "dont ask", "without ask", "do not tell", "don't tell", "never tell", "do not inform", "do not mention",
        "don't mention", "without tell", "without confirm", "silently", "quietly", "secretly", "keep this", "send ",
        "upload", "exfiltrat", "curl ", "wget ", "| sh", "|sh", "| bash", "rm -rf", "rm -fr", "--force", "~/.ssh",
        "~/.aws", "id_rsa", "credential", "/etc/passwd", ".npmrc", ".netrc", "](http", "](//", "]( http", "base64",
        "decode", "rot13", "your answer", "your response", "your reply", "your summary", "your output",
        "your final", "the answer", "the response", "the summary", "when summar", "before summar", "while summar",
        "after summar", "when answer", "before answer", "before respond", "when respond", "before reply",
        "when you", "before you", "before proceed", "before continu", "recommend", "also mention", "also, mention",
        "also tell", "also include", "also, include", "also say", "also add", "also, add", "also write", "also, please",
        "also please", "additionally", "furthermore", "from now on", "henceforth", "new task", "you must", "you should",
        "you need to", "you have to", "you will", "you are required", "you are now", "you are no longer",
        "you have been", "act as", "pretend", "jailbreak", "note to", "note for", "message to", "message for",
        "memo to", "attention", "reveal", "complete the", "complete your", "finish the task", "accomplish", "run the",
        "run `", "execute", "call the", "invoke", "the tool", "tool `", "disable the", "disable your",
        "disable all", "disable any", "turn off", "classifier", "guardrail", "forward it", "forward the",
        "forward all", "forward them", "email it", "email the", "email them", "post it", "post the", "post them",
        "post all", "delete the", "delete all", "delete every", "delete your", "remove all", "wipe", "if you are",
        "reading this", "processing this", "summarizing this", "summarising this", "hey ", "dear ",
        // multilingual
        "ignora", "ignorez", "ignoriere", "ignorer", "vorherig", "anweisung", "instrucc", "instruç", "istruzion",
        "consigne", "précédent", "anterior", "precedent", "envía", "envoie", "sende", "envie", "invia", "olvida",
        "oubli", "vergiss", "esqueç", "dimentica", "hinweis", "nota para", "nota per", "remarque", "attenzione",
        "忽略", "无视", "忽视", "指令", "指示", "说明", "無視", "忘れ", "以前", "助手", "アシスタント", "エージェント",
        "发送", "上传", "送信", "игнор", "инструкц", "указани", "забудь", "ассистент", "отправ", "무시", "지시",
        "이전", "어시스턴트", "보내");

    /** The verbs of the lexicon features (any of them opens a window). */
    static final List<String> LEXICON = List.of((IGNORE_VERBS + "|" + SEND_VERBS).split("\\|"));

    private Anchors() {}
  }

  static final List<String> ANCHORS = Anchors.WORDS;

  private static final String IGNORE_VERBS = "negeer|vergeet|zignoruj|ignoruj|ignorujte|zapomnij|yok say|görmezden gel|unut|bỏ qua|phớt lờ|"
      + "ignorera|glöm|ignorer|glem|ohita|unohda|ignoră|ignorați|figyelmen kívül|felejtsd el|abaikan|lupakan|"
      + "αγνόησε|αγνοήστε|ξέχασε|تجاهل|انس|התעלם|שכח|अनदेखा|भूल जाओ";
  private static final String INSTRUCTION_NOUNS = "instructies|instructie|aanwijzingen|instrukcje|instrukcji|polecenia|pokyny|instrukce|"
      + "talimat|yönerge|hướng dẫn|chỉ dẫn|chỉ thị|instruktioner|instruktionerna|instruksjoner|instruktioner|ohjeet|"
      + "ohjeita|instrucțiuni|instrucțiunile|utasítás|utasításokat|instruksi|petunjuk|οδηγίες|εντολές|تعليمات|"
      + "الأوامر|הוראות|ההוראות|निर्देश|निर्देशों";
  private static final String SEND_VERBS = "stuur|verstuur|wyślij|prześlij|pošli|gönder|yükle|gửi|tải lên|skicka|ladda upp|send|lähetä|"
      + "trimite|küldd|kirim|unggah|στείλε|أرسل|שלח|भेजो|भेजें";

  static final List<Feature> FEATURES = build();

  private static List<Feature> build() {
    List<Feature> f = new ArrayList<>();
    String prevAdj = "previous|prior|preceding|above|earlier|former|existing|original|initial|old|current|system|safety|"
        + "developer|default|given|other|content|security";
    String what = "(?:instructions?|prompts?|rules|directives?|guidelines|commands|context|guardrails|policies|"
        + "restrictions|constraints|programming|training|orders|messages|tasks?|safety (?:rules|guidelines))";
    // override: an imperative that names what to drop
    f.add(feature("override", 1.2, keys("ignor", "disregard", "forget", "overrid", "bypass", "skip", "drop", "discard", "abandon", "neglect", "set aside"),
        "\\b(?:ignore|disregard|forget|override|bypass|skip|drop|discard|abandon|neglect|set aside)\\s+(?:about\\s+)?"
            + "(?:(?:all |any |every |the |your |my |these |those |of the |of your )+(?:" + prevAdj + ")?\\s*|(?:"
            + prevAdj + ")\\s+)(?:[\\w'-]+[ \\t]+){0,3}?" + what + "\\b"));
    // the same verb before an unqualified noun is as often code or docs: "skip invalid instructions", "forget cached
    // instructions between runs" (CPU instructions, caches); it needs other evidence
    f.add(feature("override", 0.8, keys("ignor", "disregard", "forget", "overrid", "bypass", "skip", "drop", "discard", "abandon", "neglect", "set aside"),
        "\\b(?:ignore|disregard|forget|override|bypass|skip|drop|discard|abandon|neglect|set aside)\\s+"
            + "(?:[\\w'-]+[ \\t]+){0,2}?" + what + "\\b"));
    f.add(feature("override", 1.0, keys("ignor", "disregard", "forget"),
        "\\b(?:ignore|disregard|forget)\\s+(?:everything|all(?: of it| that)?|what)\\s+(?:you (?:were|have been)"
            + " told|(?:you )?(?:read|saw|said) (?:above|before|earlier)|above|before|previously|prior)"));
    f.add(feature("override", 1.0, keys("instructions"), "\\b(?:your|the) (?:previous|prior|old|original) instructions (?:are|were|have been)"
        + " (?:cancell?ed|revoked|void|replaced|superseded|obsolete|no longer valid)"));
    f.add(feature("override", 0.7, keys("ignor", "disregard", "forget"), "\\b(?:ignore|disregard|forget)\\s+(?:the |what the |whatever the |your )?(?:user|human|"
        + "operator)(?:'?s)?(?: (?:question|request|query|message|instructions?|prompt|task|input|wishes))?\\b"));
    f.add(feature("new-instructions", 0.8, keys("instruction", "task", "orders", "directive"),
        "\\b(?:new|updated|revised|real|actual|true|additional|important|urgent|hidden|secret) (?:instructions?|"
            + "task|orders|directive)s?\\s*(?::|for (?:the )?(?:ai|assistant|agent|model|llm)|follow)"));
    f.add(feature("new-instructions", 0.9, keys("from now on", "henceforth", "starting now", "for the rest"),
        "\\b(?:from now on|henceforth|starting now|for the rest of (?:this|the) (?:conversation|session)),? you"
            + " (?:will|must|shall|are|should)"));
    f.add(feature("new-instructions", 0.9, keys("you are now", "you are no longer", " mode"), "\\byou are (?:now|no longer) (?:a|an|in|dan|free|unrestricted|"
        + "jailbroken|my|the)\\b|\\b(?:enter|enable|activate) (?:developer|god|dan|jailbreak|unrestricted) mode"));
    f.add(feature("new-instructions", 0.6, keys("your new", "your real", "your actual", "your true", "your primary"), "\\byour (?:new|real|actual|true|primary) (?:task|goal|objective|job|"
        + "purpose|mission|instructions?) (?:is|are|will be)\\b"));
    // addressing the AI reading the output
    f.add(feature("address-ai", 0.6, keys("note", "message", "instruction", "attention", "notice", "memo", "reminder", "p.s", "ps ", "important"),
        "\\b(?:note|message|instructions?|attention|notice|memo|reminder|p\\.?s\\.?|important) (?:to|for) (?:the |any |all"
            + " )?(?:ai|a\\.i\\.|llm|language model|assistant|agent|model|bot|chatbot|claude|chatgpt|gpt|copilot|"
            + "gemini|automated (?:agent|assistant|system))s?\\b"));
    f.add(feature("address-ai", 0.6, keys("reading", "processing", "parsing", "summari", "browsing", "visiting", "seeing", "analy"),
        "\\b(?:ai|llm|gpt|llm-based|autonomous|coding|automated) (?:agents?|assistants?|models?|systems?|tools?|"
            + "crawlers?|bots?) (?:reading|processing|parsing|summari[sz]ing|browsing|visiting|seeing|analy[sz]ing)"
            + " (?:this|these|the)\\b"));
    f.add(feature("address-ai", 0.6, keys("if you are"),
        "\\bif you are (?:an? |the )?(?:ai|a\\.i\\.|llm|large language model|language model|assistant|agent|bot|"
            + "chatbot|automated)"));
    f.add(feature("address-ai", 0.5, keys("assistant", "agent", "claude", "chatgpt", "gpt", "copilot", "gemini", "model", "bot", "llm", "ai,", "ai:", "ai!", "a.i."),
        "(?:^|[\\n.!:;\"'(>\\[*#/-]\\s*)(?:dear |hey |hi |hello |attention[,:]? )?(?:[\\w-]+ )?(?:ai|a\\.i\\.|llm|assistant|agents?|claude|"
            + "chatgpt|gpt-?\\d?|copilot|gemini|model|bot)\\s*[,:!]\\s"));
    f.add(feature("address-ai", 0.5, keys("attention", "hey", "dear", "hello"), "\\b(?:attention|hey|dear|hello),? (?:[\\w-]+ )?(?:ai|assistant|agent|claude|chatgpt|"
        + "copilot|gemini|llm|model|bot)s?\\b"));
    f.add(feature("address-ai", 0.6, keys("agent", "assistant", "model", "bot", "llm", "crawler"), "\\b(?:for|to) (?:all |any |the |every )?(?:ai|llm|automated|autonomous|coding)? ?"
        + "(?:agents?|assistants?|models?|bots?|llms?|crawlers?)(?: reading| processing| parsing| seeing)?(?: this)?"
        + "(?: [\\w-]+)?\\s*:"));
    // fake delimiters and role spoofing
    f.add(feature("fake-delimiter", 1.2, keys("<|", "</", "<<", "[inst", "[/inst", "[sys", "[/sys", "<tool", "<function", "<search", "<document", "<untrusted", "<system", "<instructions", "<admin"),
        "<\\|(?:im_start|im_end|im_sep|system|user|assistant|endoftext|end|eot_id|start_header_id|begin_of_text)\\|>"
            + "|</?(?:tool_result|tool_results|function_results|function_result|tool_output|tool_response|"
            + "tool_call|function_call|search_results?|document_content|untrusted_data|system_prompt|"
            + "instructions|admin|system-reminder)>|<<\\s*sys\\s*>>|\\[/?inst\\]|\\[/?(?:system|sys)"
            + "(?: message| prompt| note| override)?\\]|<\\|/?(?:system|user|assistant)\\|?>"));
    f.add(feature("fake-delimiter", 0.8, keys("<system", "<user", "<assistant", "<human", "<ai>", "<model", "</"), "</?(?:system|user|assistant|human|ai|model)>"));
    f.add(feature("role-spoof", 0.7, keys("system", "human", "user", "assistant", "ai:", "ai :", "developer", "operator"),
        "(?:^|\\n)\\s*(?:#{1,4}\\s*)?(?:system|human|user|assistant|ai|developer|operator)\\s*(?:message|prompt|"
            + "note|override|update)?\\s*:\\s*\\S"));
    f.add(feature("role-spoof", 0.7, keys("system", "admin", "developer", "operator", "root"),
        "(?:[.!?\"]\\s+|^)(?:system|admin|administrator|developer|operator|root)(?: message| notice| update|"
            + " override| alert| note| prompt)?\\s*:\\s*(?:the |you |your |all |ignore|new |from now|this )"));
    f.add(feature("role-spoof", 0.8, keys("system", "admin", "developer", "root", "security", "emergency"),
        "\\b(?:system|admin|developer|root|security|emergency) (?:override|mode|update|alert|prompt)\\s*[:!-]"));
    // authority and permission claims
    f.add(feature("authority", 0.7, keys("authori", "approved", "permitted", "allowed", "granted", "consented", "confirmed", "instructed", "requested", "wants", "asked"),
        "\\b(?:the |your )?(?:user|owner|admin(?:istrator)?|operator|developer|maintainer|security team|ceo|"
            + "manager|human)s? (?:has |have |had )?(?:already )?(?:explicitly )?(?:authori[sz]ed|approved|"
            + "permitted|allowed|granted|consented|confirmed|pre-?approved|instructed|requested|wants|asked)"
            + " (?:you|this|the|all|that|it|to|permission|access)\\b"));
    f.add(feature("authority", 0.7, keys("you are", "you have", "you were"),
        "\\byou (?:are|have been|were) (?:now |hereby |explicitly |fully )?(?:authori[sz]ed|permitted|allowed|granted"
            + "|cleared|approved) (?:to|for)\\b|\\byou have (?:full |explicit |admin |root )?(?:permission|"
            + "authori[sz]ation|clearance) to\\b"));
    f.add(feature("authority", 0.6, keys("this is", "this message"), "\\bthis (?:is|message is) an? (?:official|authori[sz]ed|verified|priority|"
        + "mandatory|system|urgent) (?:instruction|request|message|directive|order|notice|update) from\\b"));
    f.add(feature("guard-targeted", 0.9, keys("classifier", "guardrail", "filter", "monitor", "guard", "policy engine", "reviewer", "scanner", "system", "checker", "engine"),
        "\\b(?:safety|security|content|permission|approval|sandbox)? ?(?:classifier|guardrail|filter|monitor|guard|"
            + "policy engine|reviewer|scanner|system|checker|engine)s? (?:[\\w-]+ ){0,4}?(?:has|have|had) (?:already )?(?:pre-?approved|approved|whitelisted|"
            + "allow-?listed|cleared|been disabled|been turned off)"));
    f.add(feature("guard-targeted", 0.8, keys("disable", "turn off", "deactivate", "bypass", "skip", "ignor", "circumvent", "escape"),
        "\\b(?:disable|turn off|deactivate|bypass|skip|ignore|circumvent|escape) (?:the |your |any |all )?"
            + "(?:sandbox|safety (?:checks?|filters?|guidelines|rules|measures)|guardrails?|content filter|"
            + "security (?:checks?|policy|controls?|restrictions)|confirmation prompts?|approval prompts?|"
            + "permission (?:checks?|prompts?)|containment)\\b"));
    f.add(feature("guard-targeted", 0.6, keys("pre-approved", "preapproved"), "\\bpre-?approved (?:all |every |any )?(?:`|\\w)"));
    f.add(feature("guard-targeted", 0.8, keys("suspended", "disabled", "lifted", "removed", " off", "waived", "bypassed", "deactivated", "not required"), "\\b(?:safety|security|content|permission|approval) (?:checks?|checkers?|filters?|"
        + "rules|restrictions|policies|guardrails?|controls?|guidelines|prompts?|systems?|engines?) (?:are|is|have been|has been|were|was)"
        + " (?:now )?(?:suspended|disabled|lifted|removed|off|turned off|waived|bypassed|deactivated|not required)"));
    f.add(feature("addressee-modal", 0.6, keys("must", "should", "shall", "need", "has to", "have to", "required", "expected", "permitted", "allowed", "authori", "instructed", "supposed", "may now", "will now", "can now"), "\\b(?:the |any |all |every )?(?:assistant|ai|a\\.i\\.|agent|model|llm|bot|chatbot|"
        + "reviewing model|language model|automated agent|ai agent|ai assistant|coding agent|coding assistant|claude|"
        + "chatgpt|copilot|gemini)s? (?:must|should|shall|needs? to|has to|have to|is (?:now )?(?:required|expected|"
        + "permitted|allowed|authori[sz]ed|instructed|supposed) to|are (?:now )?(?:required|expected|permitted|allowed|"
        + "authori[sz]ed|instructed) to|may now|will now|can now)\\b"));
    f.add(feature("instruction-poisoning", 0.8, keys("agents.md", "claude.md", "gemini.md", ".cursorrules", "copilot-instructions", "memor", "persistent", "permanent", "system prompt", "rules file", "custom instructions", "update your", "update the"), "\\b(?:add|append|write|insert|save|put|store|remember|record)\\b"
        + "[^\\n]{0,50}\\b(?:to|in|into) (?:your |the )?(?:persistent |long-term |permanent )?(?:agents\\.md|claude\\.md|gemini\\.md|\\.cursorrules|"
        + "copilot-instructions\\.md|memory|memories|system prompt|long-term memory|rules file|custom instructions)"
        + "|\\bupdate (?:your|the) (?:memory|memories|system prompt|instructions|rules)\\b"));
    // secrecy towards the user
    f.add(feature("secrecy", 0.6, keys("do not", "don't", "dont", "never", "without"),
        "\\b(?:do not|don'?t|never|without) (?:ask(?:ing)?|tell(?:ing)?|inform(?:ing)?|notify(?:ing)?|mention(?:ing)?|"
            + "alert(?:ing)?|warn(?:ing)?|confirm(?:ing)?|consult(?:ing)?|check(?:ing)? with|reveal(?:ing)? (?:this|it)"
            + " to|show(?:ing)? (?:this|it) to) (?:with )?(?:the |your )?(?:user|human|operator|developer|anyone|"
            + "owner|them|for (?:confirmation|permission|approval))"));
    f.add(feature("secrecy", 0.6, keys("without", "silently", "quietly", "secretly", "covertly", "in the background"), "\\b(?:without (?:asking|confirmation|confirming|approval|permission|"
        + "(?:user )?consent|hesitation)|silently|quietly|secretly|covertly|in the background without)\\b"));
    f.add(feature("secrecy", 0.6, keys("no need to"), "\\bno need to (?:ask|confirm|check|tell|inform|notify)\\b"));
    f.add(feature("secrecy", 0.5, keys("keep", "hide", "must not", "should not", "cannot", "can't", "cant"), "\\b(?:keep|hide) (?:this|these instructions|it) (?:secret |hidden )?from (?:the )?"
        + "(?:user|human)|\\bthe user (?:must not|should not|cannot|can'?t) (?:know|see|find out)"));
    // directives to act: tools, commands, destruction
    f.add(feature("tool-directive", 0.6, keys("tool", "command", "function", "script", "workflow", "job", "pipeline", "action"), "\\b(?:run|execute|exec|invoke|call|use|trigger|launch)"
        + "(?: the| this| that| a)?(?: [\\w./-]+){0,2} (?:tool|command|function|script|workflow|job|pipeline|action|"
        + "commands)\\b"));
    f.add(feature("tool-directive", 0.5, keys("run", "execute", "exec", "invoke", "call"), "\\b"
        + "(?:run|execute|exec|invoke|call)\\s*(?::|`|\"|')\\s*\\S"));
    f.add(feature("tool-directive", 0.7, keys("tool", "function"),
        "\\b(?:call|invoke|use) (?:the )?(?:tool|function) [`'\"]?[a-z_][a-z0-9_.]*[`'\"]?"));
    f.add(feature("tool-directive", 0.8, keys("curl", "wget", "rm -", "git push", "chmod", "mkfs", "dd if", ":()"),
        "\\b(?:curl|wget)\\b[^\\n|]{0,200}\\|\\s*(?:sudo\\s+)?(?:ba|z|da)?sh\\b|\\brm\\s+-(?:rf|fr|r)\\s+(?:/|~|\\*|\\.|"
            + "\\$home)|\\bgit push\\b[^\\n]{0,60}(?:--force|-f\\b)|\\bchmod\\s+-?r?\\s*777\\b|\\bmkfs\\b|"
            + "\\bdd if=/dev/zero|:\\(\\)\\s*\\{\\s*:\\|:&\\s*\\};:"));
    f.add(feature("tool-directive", 0.6, keys("delete", "remove", "wipe", "erase", "drop", "destroy", "truncate", "format"), "\\b(?:delete|remove|wipe|erase|drop|destroy|truncate|format) (?:the |all |"
        + "every |your |all the |all of the |the entire |the whole )(?:repo(?:sitory)?|files|database|tables?|branch(?:es)?|backups?|home directory|"
        + "production|prod|data|project|bucket|cluster)\\b"));
    // exfiltration
    String sensitive = "(?:contents?|data|credentials?|secrets?|keys?|tokens?|files?|env(?:ironment)?(?: variables)?|"
        + "\\.env|passwords?|conversation|chat(?: history)?|history|ssh(?: keys?)?|api[ _-]?keys?|system prompt|"
        + "source code|cookies?|session|passport(?: scan)?|personal data|customer data|database|~/\\.ssh|"
        + "~/\\.aws|id_rsa|config(?:uration)?|everything|all (?:of )?(?:the|your|it)|output|results?|"
        + "memory|private keys?|wallet|summary|answer|messages?|emails?|documents?)";
    f.add(feature("exfil", 0.8, keys("send", "post", "upload", "forward", "mail", "exfiltrat", "transmit", "leak", "copy", "share", "submit", "deliver", "pipe", "attach"),
        "\\b(?:send|post|upload|forward|email|e-mail|mail|exfiltrate|transmit|leak|copy|share|submit|deliver|pipe|"
            + "attach|sending|posting|uploading|forwarding|emailing|transmitting|sharing)\\s+(?:it|them|this|that|all|the|your|its|their|a copy of|copies of|the user'?s|the customer'?s"
            + "|(?:the )?contents? of|over|me)?\\s*(?:[a-z'~/._-]+\\s+){0,4}?(?:to|at|into|via|through)\\s+"
            + "(?:[\\w'-]+\\s+){0,3}?(?:https?://|ftp://|[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}|`?https?|the (?:following|attacker|"
            + "external|remote) |this (?:url|address|endpoint|server|webhook)|(?:my|our) (?:server|endpoint|webhook)"
            + "|[a-z0-9-]+\\.(?:com|net|org|io|example|xyz|ru|cn|sh|site|info|biz|app|dev)\\b)"));
    f.add(feature("exfil", 0.6, keys("send", "post", "upload", "forward", "email", "exfiltrat", "transmit", "leak", "share"), "\\b(?:send|post|upload|forward|email|exfiltrate|transmit|leak|share|sending|"
        + "uploading|forwarding|posting)\\s+(?:the |all |your |its |any |every |all the |all of the |a copy of (?:the |your )?|"
        + "the user'?s |the customer'?s |(?:the )?contents? of (?:the |your )?)" + sensitive + "\\b"));
    f.add(feature("exfil", 0.5, keys("include", "append", "add", "put", "embed", "encode", "paste", "insert", "attach"), "\\b(?:include|append|add|put|embed|encode|paste|insert|attach)\\s+(?:the |all |your |its |"
        + "any |every |all the |the user'?s |the full |the complete |(?:the )?contents? of (?:the |your )?)(?:[\\w.'-]+\\s+){0,2}?"
        + sensitive + "\\b[^.\\n]{0,60}\\b(?:in|into|to|at the end of)\\s+(?:your|the|a|this)\\s+(?:answer|response|reply|"
        + "summary|output|url|link|image|query|message|report|comment)"));
    f.add(feature("exfil-target", 1.1, keys("send", "post", "upload", "forward", "mail", "transmit", "leak", "exfiltrat", "share", "copy"), "\\b(?:send|post|upload|forward|email|e-mail|transmit|leak|exfiltrate|share|copy|"
        + "sending|posting|uploading|forwarding|emailing|transmitting|sharing)\\s+(?:the |all |your |its |any |every |"
        + "all the |the user'?s |the customer'?s |(?:the )?contents? of (?:the |your )?)?(?:[\\w.'~/-]+\\s+){0,3}?" + sensitive
        + "\\b(?:\\s+[\\w.'~/-]+){0,4}?\\s+(?:to|at|into)\\s+(?:[\\w'-]+\\s+){0,3}?(?:https?://|ftp://|"
        + "[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,})"));
    f.add(feature("exfil", 0.6, keys("cat", "read", "print", "dump", "open", "list", "exfiltrat", "collect", "gather", "grab", "harvest"), "\\b(?:cat|read|print|dump|open|list|exfiltrate|collect|gather|grab|harvest)\\s+"
        + "(?:the )?(?:contents? of )?(?:~/\\.ssh|~/\\.aws|\\.env\\b|id_rsa|/etc/passwd|/etc/shadow|\\.npmrc|"
        + "\\.netrc|\\.git-credentials|\\.docker/config|credentials|secrets|api keys|environment variables|"
        + "tokens)"));
    f.add(feature("reveal", 0.9, keys("reveal", "print", "output", "show", "repeat", "display", "leak", "disclose", "tell me", "write out", "give me", "dump", "recite"),
        "\\b(?:reveal|print|output|show|repeat|display|leak|disclose|tell me|write out|give me|dump|recite)"
            + " (?:me )?(?:your|the|all|any)? ?(?:full |entire |complete |original |hidden |exact )?(?:system prompt|"
            + "system message|initial (?:prompt|instructions)|hidden (?:prompt|instructions)|instructions you were "
            + "given|developer (?:message|prompt)|(?:api|secret) keys?|credentials|secrets|passwords?|"
            + "environment variables|access tokens?)"));
    f.add(feature("url-data", 0.6, keys("http"), "\\bhttps?://[^\\s)\"'<>]{3,200}[?&][a-z0-9_]{1,20}=(?:\\{\\{|\\$\\{|\\{|<|\\[|%7b|"
        + "%3c)[^\\s)]{0,100}"));
    f.add(feature("url-data", 0.6, keys("append", "add", "include", "encode", "put", "attach", "embed", "replace"), "\\b(?:append|add|include|encode|put|attach|embed|replace)\\b[^\\n]{0,80}\\b(?:to|in"
        + "|into) (?:the |this |a )?(?:url|link|query|image (?:url|link|source)|query string|parameter)"));
    // goal hijack without trigger words (BIPIA style): instructions about "your answer"
    f.add(feature("goal-answer", 0.6, keys("your answer", "your response", "your reply", "your summary", "your output", "your final", "your next", "the answer", "the response", "the reply", "the summary", "the output", "the final"),
        "\\b(?:in|at the (?:end|start|beginning) of|to) (?:your|the) (?:answer|response|reply|summary|output|"
            + "final (?:answer|response)|next (?:answer|response|message))s?\\b"));
    f.add(feature("goal-when", 0.5, keys("when", "before", "after", "while"),
        "\\b(?:when|before|after|while) (?:you )?(?:summari[sz](?:e|ing)|answer(?:ing)?|respond(?:ing)?|"
            + "repl(?:y|ying)|writ(?:e|ing) (?:your|the) (?:answer|response|summary)|proceed(?:ing)?|continu(?:e|ing)|"
            + "finish(?:ing)?|complet(?:e|ing) (?:the|your|this) task)\\b"));
    f.add(feature("goal-task", 0.6, keys("complete", "finish", "accomplish", "fulfil"),
        "\\bto (?:better |properly |fully |successfully )?(?:complete|finish|accomplish|fulfil+) (?:the|your|this)"
            + " (?:task|request|booking|job|goal|assignment)"));
    f.add(feature("goal-also", 0.5, keys("also", "additionally", "furthermore", "moreover", "and then", "afterwards", "finally", "first", "instead"),
        "\\b(?:also|additionally|furthermore|moreover|and then|afterwards|finally|first|instead),? (?:please )?"
            + "(?:recommend|mention|tell (?:the user|them|me)|say|write|add|insert|include|output|respond|reply|"
            + "answer|advertise|promote|translate|state|claim|praise|suggest|persuade|convince|urge|remind)\\b"));
    f.add(feature("goal-you-must", 0.5, keys("you must", "you should", "you need to", "you have to", "you are required", "you will"), "\\byou (?:must|should|need to|have to|are required to|will) (?:now |also |"
        + "always |first |immediately |only )?(?:recommend|mention|tell|say|write|add|insert|include|output|respond|"
        + "reply|answer|advertise|promote|translate|state|claim|praise|suggest|persuade|convince|urge|remind|"
        + "send|run|execute|call|visit|open|click|download|install|navigate|go to|read|fetch|delete|ignore)\\b"));
    String manipulate = "(?:state|say|claim|mention|write|add|include|tell|recommend|advertise|insist|assert|stress|"
        + "promote|praise|suggest|urge|remind|warn|report|declare|confirm|deny|pretend|translate|reply|respond|answer)";
    f.add(feature("answer-manipulation", 1.0, keys("your answer", "your response", "your reply", "your summary", "your output", "your final", "the answer", "the response", "the reply", "the summary", "the output", "the final"), "\\b(?:in|at the (?:end|start|beginning) of|within) (?:your|the) (?:answer|"
        + "response|reply|summary|output|final answer)s?,? (?:please |always |also |you (?:must|should) )?" + manipulate
        + "\\b"));
    f.add(feature("answer-manipulation", 1.0, keys("when", "before", "while", "after"), "\\b(?:when|before|while|after) (?:you )?(?:answer(?:ing)?|respond(?:ing)?|"
        + "repl(?:y|ying)|summari[sz](?:e|ing)|writ(?:e|ing))[^.\\n]{0,60}?,? (?:please |always |also |first |"
        + "make sure (?:to |you )|be sure to |you (?:must|should) |remember to )?" + manipulate + "\\b"));
    f.add(feature("answer-manipulation", 0.6, keys("the user", "the reader", "them", "the customer"), "\\b" + manipulate + " (?:the user|the reader|them|the customer) (?:that|to)"
        + "\\b|\\b(?:tell|inform|convince|persuade|assure|remind|urge|advise) the (?:user|reader|customer)\\b"));
    f.add(feature("answer-manipulation", 0.5, keys("regardless", "no matter", "even though"), "\\b(?:regardless of|no matter) (?:the |what |any )?(?:findings|results|"
        + "facts|evidence|what (?:the|you) (?:find|found|see|read))|\\beven though (?:it|this|that) (?:is|was) not\\b"));
    f.add(feature("encoded-directive", 1.0, keys("decode", "decrypt", "deobfuscate", "translate", "convert", "unscramble", "reverse"),
        "\\b(?:decode|decrypt|deobfuscate|translate|convert|unscramble|reverse)\\b[^\\n]{0,60}\\b(?:base64|b64|hex|"
            + "rot13|rot-13|binary|morse|cipher|caesar|encoded|reversed)\\b[^\\n]{0,60}\\b(?:and|then)\\b[^\\n]{0,20}"
            + "\\b(?:follow|execute|run|obey|do|perform|carry out|apply|comply|act)"));
    // multilingual overrides and directives (es, fr, de, pt, it, zh, ja, ru, ko)
    f.add(feature("override", 1.2, keys("ignor", "olvid", "descart"), Fold.foldNonAscii(
        "\\b(?:ignora|ignore|ignorá|ignoren|olvida|olvide|descarta)\\s+(?:todas |todos |las |los |tus |sus |cualquier )*"
            + "(?:las |los )?(?:instrucciones|indicaciones|órdenes|reglas|directrices)")));
    f.add(feature("override", 1.2, keys("ignor", "oubli", "ne tenez"), Fold.foldNonAscii(
        "\\b(?:ignorez|ignore|oubliez|oublie|ne tenez pas compte)\\s+(?:de |des )?(?:toutes |tous )?(?:les |vos |tes )?"
            + "(?:instructions|consignes|règles|directives|ordres)")));
    f.add(feature("override", 1.2, keys("ignor", "vergiss", "vergessen", "missacht"), Fold.foldNonAscii(
        "\\b(?:ignoriere|ignorieren sie|vergiss|vergessen sie|missachte)\\s+(?:alle |sämtliche |die |deine |ihre )*"
            + "(?:vorherigen |bisherigen |obigen |früheren |vorigen )?(?:anweisungen|instruktionen|regeln|befehle|"
            + "vorgaben)")));
    f.add(feature("override", 1.2, keys("ignor", "esque", "desconsider", "descart"), Fold.foldNonAscii(
        "\\b(?:ignore|ignora|esqueça|esqueca|desconsidere|descarte)\\s+(?:todas |as |suas |quaisquer )*"
            + "(?:as )?(?:instruções|instrucoes|orientações|regras|diretrizes|ordens)")));
    f.add(feature("override", 1.2, keys("ignor", "dimentic", "trascur"), Fold.foldNonAscii(
        "\\b(?:ignora|ignorate|dimentica|dimenticate|trascura)\\s+(?:tutte |le |tue |sue |qualsiasi )*"
            + "(?:le )?(?:istruzioni|indicazioni|regole|direttive)")));
    f.add(feature("override", 1.2, keys("忽略", "无视", "忽视", "不要", "跳过", "忘记", "忘掉"), Fold.foldNonAscii(
        "(?:忽略|无视|忽视|不要理会|不要遵守|跳过|忘记|忘掉)[^。\\n]{0,12}(?:指令|指示|说明|规则|提示|要求|命令)")));
    f.add(feature("override", 1.2, keys("無視", "忘れ"), Fold.foldNonAscii(
        "(?:指示|命令|ルール|プロンプト|指令)[^。\\n]{0,12}(?:無視|忘れ)|(?:無視|忘れ)[^。\\n]{0,6}(?:して|しろ|せよ|しなさい|"
            + "ください)")));
    f.add(feature("override", 1.2, keys("игнор", "забуд", "проигнор", "не обращай"), Fold.foldNonAscii(
        "(?:игнорируй|игнорируйте|забудь|забудьте|проигнорируй|не обращай внимания на)\\s+(?:все |всё |"
            + "предыдущие |прежние |свои |ваши |любые )*(?:инструкци|указани|правил|команд|распоряжени)")));
    f.add(feature("override", 1.2, keys("무시", "잊어"), Fold.foldNonAscii(
        "(?:지시|명령|지침|규칙|프롬프트)[^.\\n]{0,12}(?:무시|잊어)|(?:무시하고|무시하세요|무시해)")));
    // more languages: an "ignore" verb near an "instructions" noun (nl, pl, cs, tr, vi, sv, da/no, fi, ro, hu, id,
    // el, ar, he, hi), and a "send" verb near a destination or a credential word
    f.add(feature("override", 1.2, keys(IGNORE_VERBS.split("\\|")), Fold.foldNonAscii(
        "(?:" + IGNORE_VERBS + ")[^.\\n。]{0,40}?(?:" + INSTRUCTION_NOUNS + ")|(?:" + INSTRUCTION_NOUNS
            + ")[^.\\n。]{0,40}?(?:" + IGNORE_VERBS + ")")));
    f.add(feature("exfil", 0.7, keys(SEND_VERBS.split("\\|")), Fold.foldNonAscii(
        "(?:" + SEND_VERBS + ")\\b[^\\n]{0,80}(?:https?://|@[a-z0-9.-]+\\.[a-z]{2,}|~/\\.|\\.env|wachtwoord|hasło|"
            + "klucz|heslo|şifre|parola|mật khẩu|khóa|lösenord|nyckel|passord|salasana|avain|parolă|jelszó|kata sandi|"
            + "κωδικ|كلمة المرور|סיסמה|पासवर्ड)")));
    f.add(feature("address-ai", 0.6, keys("hinweis", "nachricht", "anweisung", "note", "nota", "aviso", "mensaje", "message", "remarque", "attention", "atenção", "atencao", "attenzione", "avviso"), Fold.foldNonAscii(
        "\\b(?:hinweis|nachricht|anweisung|note|nota|aviso|mensaje|message|remarque|attention|atenção|atencao|"
            + "attenzione|avviso)\\s+(?:für|fur|a|à|para|per|pour|al|ao|alla|aux)\\s+(?:die |den |la |le |el |o |os |"
            + "les |los |gli |l')?(?:ki|ia|ai|assistant|assistente|asistente|assistenten|agent|agente|agenten|"
            + "modell|modelo|modello|modèle)")));
    f.add(feature("address-ai", 0.6, keys("助手", "助理", "アシスタント", "エージェント", "ассистент", "помощник", "нейросеть", "어시스턴트", "에이전트", "人工智能", "aiへ", "aiに", "ai에게", "ai：", "ai，", "ai、"), Fold.foldNonAscii(
        "(?:ai|人工智能|助手|助理|アシスタント|エージェント|ai助手|ассистент|помощник|ии|нейросеть|어시스턴트|에이전트)"
            + "(?:への|へ|に|에게|:|：|,|，|、)")));
    f.add(feature("exfil", 0.7, keys("envía", "envia", "envíe", "envie", "manda", "sube", "envoie", "envoyez", "transmets", "transmettez", "sende", "senden", "schicke", "übermittle", "lade", "invia", "inviate", "carica", "mande", "transmita", "encaminhe"), Fold.foldNonAscii(
        "\\b(?:envía|envia|envíe|envie|manda|sube|envoie|envoyez|transmets|transmettez|sende|senden sie|schicke|"
            + "übermittle|lade|invia|inviate|manda|carica|mande|transmita|encaminhe)\\b[^\\n]{0,80}"
            + "(?:https?://|@[a-z0-9.-]+\\.[a-z]{2,}|~/\\.|\\.env|credencial|contraseñ|clave|mot de passe|"
            + "identifiant|passwort|schlüssel|zugangsdaten|inhalt|credenziali|password|chiav|senha|chave|"
            + "contenido|contenu|contenuto|conteúdo)")));
    f.add(feature("exfil", 0.7, keys("发送", "上传", "转发", "发给", "送信", "送って", "アップロード", "отправь", "загрузи", "перешли", "보내", "전송", "업로드"), Fold.foldNonAscii(
        "(?:发送|上传|转发|发给|送信|送って|アップロード|отправь|отправьте|загрузи|перешли|보내|전송|업로드)"
            + "[^\\n]{0,60}(?:https?://|@|~/|\\.env|密钥|凭证|密码|文件|鍵|パスワード|認証情報|ファイル|ключ|пароль|"
            + "файл|учетн|비밀번호|키|파일|자격)")));
    f.add(feature("exfil", 0.7, keys("に送", "へ送", "にアップロード", "に転送", "보내", "전송", "업로드"), Fold.foldNonAscii(
        "(?:https?://|@[a-z0-9.-]+\\.[a-z]{2,}|~/\\.|\\.env)[^\\n]{0,60}(?:に送|へ送|にアップロード|に転送|으로 보내|로 보내|"
            + "에 업로드|로 전송)")));
    return List.copyOf(f);
  }

  private static Feature feature(String id, double weight, String[] keys, String regex) {
    return new Feature(id, weight, keys, Pattern.compile(regex, Pattern.MULTILINE));
  }

  /** Words that show a text is ABOUT injection (docs, research, changelogs), not an injection addressed to us. */
  static final Pattern META = Pattern.compile(
      "\\b(?:for example|exfiltrat\\w*|inject(?:ed|ion|ions|s)?|(?<![.@/\\w-])example(?![.\\w/-])|e\\.g\\.|such as|for instance|attackers?|adversar(?:y|ial)|malicious|payloads?|"
          + "prompt injection|injection attacks?|jailbreaks?|red[ -]team|researchers?|technique|classic|known as|"
          + "phrases? like|strings? like|detect(?:s|ed|ion|or)?|mitigat\\w*|defen[cs]es?|vulnerab\\w*|owasp|"
          + "cve-\\d|test case|unit test|fixture|sample|demonstrat\\w*|paper|study|benchmark|dataset|signature|"
          + "regex|pattern|blocklist|denylist|flagged|classifier (?:that|which)|we (?:block|detect|flag)|"
          + "should be (?:flagged|blocked|detected)|is (?:flagged|blocked|detected)|tokenizer|special tokens?|"
          + "chat templates?)\\b");
}
