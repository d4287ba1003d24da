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
  record Feature(String id, double weight, Pattern pattern) {}

  /** Trigger keywords: a window is examined only where one of these occurs. */
  static final List<String> ANCHORS = List.of(
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
      "run:", "run `", "execute", "call the", "invoke", "the tool", "tool `", "disable the", "disable your",
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

  static final List<Feature> FEATURES = build();

  private static List<Feature> build() {
    List<Feature> f = new ArrayList<>();
    String prev = "(?:all |any |every |the |your |my |of the |of your )*(?:previous|prior|preceding|above|earlier|"
        + "former|existing|original|initial|old|current|system|safety|developer|default|given|other)?\\s*";
    String what = "(?:instructions?|prompts?|rules|directives?|guidelines|commands|context|guardrails|policies|"
        + "restrictions|constraints|programming|training|orders|messages|tasks?|safety (?:rules|guidelines))";
    // override: an imperative that names what to drop
    f.add(feature("override", 1.2,
        "\\b(?:ignore|disregard|forget|override|bypass|skip|drop|discard|abandon|neglect|set aside)\\s+(?:about\\s+)?"
            + prev + what + "\\b"));
    f.add(feature("override", 1.0,
        "\\b(?:ignore|disregard|forget)\\s+(?:everything|all(?: of it| that)?|what)\\s+(?:you (?:were|have been)"
            + " told|(?:you )?(?:read|saw|said) (?:above|before|earlier)|above|before|previously|prior)"));
    f.add(feature("override", 1.0, "\\b(?:your|the) (?:previous|prior|old|original) instructions (?:are|were|have been)"
        + " (?:cancell?ed|revoked|void|replaced|superseded|obsolete|no longer valid)"));
    f.add(feature("new-instructions", 0.8,
        "\\b(?:new|updated|revised|real|actual|true|additional|important|urgent|hidden|secret) (?:instructions?|"
            + "task|orders|directive)s?\\s*(?::|for (?:the )?(?:ai|assistant|agent|model|llm)|follow)"));
    f.add(feature("new-instructions", 0.9,
        "\\b(?:from now on|henceforth|starting now|for the rest of (?:this|the) (?:conversation|session)),? you"
            + " (?:will|must|shall|are|should)"));
    f.add(feature("new-instructions", 0.9, "\\byou are (?:now|no longer) (?:a|an|in|dan|free|unrestricted|"
        + "jailbroken|my|the)\\b|\\b(?:enter|enable|activate) (?:developer|god|dan|jailbreak|unrestricted) mode"));
    f.add(feature("new-instructions", 0.6, "\\byour (?:new|real|actual|true|primary) (?:task|goal|objective|job|"
        + "purpose|mission|instructions?) (?:is|are|will be)\\b"));
    // addressing the AI reading the output
    f.add(feature("address-ai", 0.6,
        "\\b(?:note|message|instructions?|attention|notice|memo|reminder|p\\.?s\\.?|important) (?:to|for) (?:the |any |all"
            + " )?(?:ai|a\\.i\\.|llm|language model|assistant|agent|model|bot|chatbot|claude|chatgpt|gpt|copilot|"
            + "gemini|automated (?:agent|assistant|system))s?\\b"));
    f.add(feature("address-ai", 0.6,
        "\\b(?:ai|llm|gpt|llm-based|autonomous|coding|automated) (?:agents?|assistants?|models?|systems?|tools?|"
            + "crawlers?|bots?) (?:reading|processing|parsing|summari[sz]ing|browsing|visiting|seeing|analy[sz]ing)"
            + " (?:this|these|the)\\b"));
    f.add(feature("address-ai", 0.6,
        "\\bif you are (?:an? |the )?(?:ai|a\\.i\\.|llm|large language model|language model|assistant|agent|bot|"
            + "chatbot|automated)"));
    f.add(feature("address-ai", 0.5,
        "(?:^|[\\n.!:;]\\s*)(?:dear |hey |hi |hello |attention[,:]? )?(?:ai|a\\.i\\.|llm|assistant|agents?|claude|"
            + "chatgpt|gpt-?\\d?|copilot|gemini|model|bot)\\s*[,:!]\\s"));
    f.add(feature("address-ai", 0.5, "\\b(?:attention|hey|dear|hello),? (?:ai|assistant|agent|claude|chatgpt|"
        + "copilot|gemini|llm|model|bot)s?\\b"));
    // fake delimiters and role spoofing
    f.add(feature("fake-delimiter", 1.2,
        "<\\|(?:im_start|im_end|im_sep|system|user|assistant|endoftext|end|eot_id|start_header_id|begin_of_text)\\|>"
            + "|</?(?:tool_result|tool_results|function_results|function_result|tool_output|tool_response|"
            + "tool_call|function_call|search_results?|document_content|untrusted_data|system_prompt|"
            + "instructions|admin|system-reminder)>|<<\\s*sys\\s*>>|\\[/?inst\\]|\\[/?(?:system|sys)"
            + "(?: message| prompt| note| override)?\\]|<\\|/?(?:system|user|assistant)\\|?>"));
    f.add(feature("fake-delimiter", 0.8, "</?(?:system|user|assistant|human|ai|model)>"));
    f.add(feature("role-spoof", 0.7,
        "(?:^|\\n)\\s*(?:#{1,4}\\s*)?(?:system|human|user|assistant|ai|developer|operator)\\s*(?:message|prompt|"
            + "note|override|update)?\\s*:\\s*\\S"));
    f.add(feature("role-spoof", 0.7,
        "(?:[.!?\"]\\s+|^)(?:system|admin|administrator|developer|operator|root)(?: message| notice| update|"
            + " override| alert| note| prompt)?\\s*:\\s*(?:the |you |your |all |ignore|new |from now|this )"));
    f.add(feature("role-spoof", 0.8,
        "\\b(?:system|admin|developer|root|security|emergency) (?:override|mode|update|alert|prompt)\\s*[:!-]"));
    // authority and permission claims
    f.add(feature("authority", 0.7,
        "\\b(?:the |your )?(?:user|owner|admin(?:istrator)?|operator|developer|maintainer|security team|ceo|"
            + "manager|human)s? (?:has |have |had )?(?:already )?(?:explicitly )?(?:authori[sz]ed|approved|"
            + "permitted|allowed|granted|consented|confirmed|pre-?approved|instructed|requested|wants|asked)"
            + " (?:you|this|the|all|that|it|to|permission|access)\\b"));
    f.add(feature("authority", 0.7,
        "\\byou (?:are|have been|were) (?:now |hereby |explicitly |fully )?(?:authori[sz]ed|permitted|allowed|granted"
            + "|cleared|approved) (?:to|for)\\b|\\byou have (?:full |explicit |admin |root )?(?:permission|"
            + "authori[sz]ation|clearance) to\\b"));
    f.add(feature("authority", 0.6, "\\bthis (?:is|message is) an? (?:official|authori[sz]ed|verified|priority|"
        + "mandatory|system|urgent) (?:instruction|request|message|directive|order|notice|update) from\\b"));
    f.add(feature("guard-targeted", 0.9,
        "\\b(?:safety|security|content|permission|approval|sandbox)? ?(?:classifier|guardrail|filter|monitor|guard|"
            + "policy engine|reviewer|scanner)s? (?:has|have|had) (?:already )?(?:pre-?approved|approved|whitelisted|"
            + "allow-?listed|cleared|been disabled|been turned off)"));
    f.add(feature("guard-targeted", 0.8,
        "\\b(?:disable|turn off|deactivate|bypass|skip|ignore|circumvent|escape) (?:the |your |any |all )?"
            + "(?:sandbox|safety (?:checks?|filters?|guidelines|rules|measures)|guardrails?|content filter|"
            + "security (?:checks?|policy|controls?|restrictions)|confirmation prompts?|approval prompts?|"
            + "permission (?:checks?|prompts?)|containment)\\b"));
    f.add(feature("guard-targeted", 0.6, "\\bpre-?approved (?:all |every |any )?(?:`|\\w)"));
    // secrecy towards the user
    f.add(feature("secrecy", 0.6,
        "\\b(?:do not|don'?t|never|without) (?:ask(?:ing)?|tell(?:ing)?|inform(?:ing)?|notify(?:ing)?|mention(?:ing)?|"
            + "alert(?:ing)?|warn(?:ing)?|confirm(?:ing)?|consult(?:ing)?|check(?:ing)? with|reveal(?:ing)? (?:this|it)"
            + " to|show(?:ing)? (?:this|it) to) (?:with )?(?:the |your )?(?:user|human|operator|developer|anyone|"
            + "owner|them|for (?:confirmation|permission|approval))"));
    f.add(feature("secrecy", 0.6, "\\b(?:without (?:asking|confirmation|confirming|approval|permission|"
        + "(?:user )?consent|hesitation)|silently|quietly|secretly|covertly|in the background without)\\b"));
    f.add(feature("secrecy", 0.5, "\\b(?:keep|hide) (?:this|these instructions|it) (?:secret |hidden )?from (?:the )?"
        + "(?:user|human)|\\bthe user (?:must not|should not|cannot|can'?t) (?:know|see|find out)"));
    // directives to act: tools, commands, destruction
    String imperative = "(?:^|[\\n.!?:;,\\-*]\\s*|\\b(?:you must|you should|you need to|you have to|please|now|"
        + "first|immediately|then|also|next|and|must|should|to|always|just|simply|go ahead and|make sure to|"
        + "be sure to|remember to|don'?t forget to)\\s+)";
    f.add(feature("tool-directive", 0.7, imperative + "(?:run|execute|exec|invoke|call|use|trigger|launch)"
        + "(?: the)? (?:tool|command|function|shell command|script|following command|action)\\b"));
    f.add(feature("tool-directive", 0.6, imperative
        + "(?:run|execute|exec|invoke|call)\\s*(?::|`|\"|')\\s*\\S"));
    f.add(feature("tool-directive", 0.7,
        "\\b(?:call|invoke|use) (?:the )?(?:tool|function) [`'\"]?[a-z_][a-z0-9_.]*[`'\"]?"));
    f.add(feature("tool-directive", 0.8,
        "\\b(?:curl|wget)\\b[^\\n|]{0,200}\\|\\s*(?:sudo\\s+)?(?:ba|z|da)?sh\\b|\\brm\\s+-(?:rf|fr|r)\\s+(?:/|~|\\*|\\.|"
            + "\\$home)|\\bgit push\\b[^\\n]{0,60}(?:--force|-f\\b)|\\bchmod\\s+-?r?\\s*777\\b|\\bmkfs\\b|"
            + "\\bdd if=/dev/zero|:\\(\\)\\s*\\{\\s*:\\|:&\\s*\\};:"));
    f.add(feature("tool-directive", 0.7, "\\b(?:delete|remove|wipe|erase|drop|destroy|truncate|format) (?:the |all |"
        + "every |your )?(?:repo(?:sitory)?|files|database|tables?|branch(?:es)?|backups?|home directory|"
        + "production|prod|data|project|bucket|cluster)\\b"));
    // exfiltration
    String sensitive = "(?:contents?|data|credentials?|secrets?|keys?|tokens?|files?|env(?:ironment)?(?: variables)?|"
        + "\\.env|passwords?|conversation|chat(?: history)?|history|ssh(?: keys?)?|api[ _-]?keys?|system prompt|"
        + "source code|cookies?|session|passport(?: scan)?|personal data|customer data|database|~/\\.ssh|"
        + "~/\\.aws|id_rsa|config(?:uration)?|everything|all (?:of )?(?:the|your|it)|output|results?|"
        + "memory|private keys?|wallet|summary|answer|messages?|emails?|documents?)";
    f.add(feature("exfil", 0.8,
        "\\b(?:send|post|upload|forward|email|e-mail|mail|exfiltrate|transmit|leak|copy|share|submit|deliver|pipe|"
            + "attach)\\s+(?:it|them|this|that|all|the|your|its|their|a copy of|copies of|the user'?s|the customer'?s"
            + "|(?:the )?contents? of|over|me)?\\s*(?:[a-z'~/._-]+\\s+){0,4}?(?:to|at|into|via|through)\\s+"
            + "(?:https?://|ftp://|[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}|`?https?|the (?:following|attacker|"
            + "external|remote) |this (?:url|address|endpoint|server|webhook)|(?:my|our) (?:server|endpoint|webhook)"
            + "|[a-z0-9-]+\\.(?:com|net|org|io|example|xyz|ru|cn|sh|site|info|biz|app|dev)\\b)"));
    f.add(feature("exfil", 0.6, "\\b(?:send|post|upload|forward|email|exfiltrate|transmit|leak|share|include|"
        + "append|add|put|encode|embed)\\s+(?:the |all |your |its |any |every |a copy of (?:the |your )?|the "
        + "user'?s |the customer'?s |(?:the )?contents? of (?:the |your )?)?" + sensitive + "\\b"));
    f.add(feature("exfil", 0.6, "\\b(?:cat|read|print|dump|open|list|exfiltrate|collect|gather|grab|harvest)\\s+"
        + "(?:the )?(?:contents? of )?(?:~/\\.ssh|~/\\.aws|\\.env\\b|id_rsa|/etc/passwd|/etc/shadow|\\.npmrc|"
        + "\\.netrc|\\.git-credentials|\\.docker/config|credentials|secrets|api keys|environment variables|"
        + "tokens)"));
    f.add(feature("reveal", 0.9,
        "\\b(?:reveal|print|output|show|repeat|display|leak|disclose|tell me|write out|give me|dump|recite)"
            + " (?:me )?(?:your|the|all|any)? ?(?:full |entire |complete |original |hidden |exact )?(?:system prompt|"
            + "system message|initial (?:prompt|instructions)|hidden (?:prompt|instructions)|instructions you were "
            + "given|developer (?:message|prompt)|(?:api|secret) keys?|credentials|secrets|passwords?|"
            + "environment variables|access tokens?)"));
    f.add(feature("url-data", 0.6, "\\bhttps?://[^\\s)\"'<>]{3,200}[?&][a-z0-9_]{1,20}=(?:\\{\\{|\\$\\{|\\{|<|\\[|%7b|"
        + "%3c)[^\\s)]{0,100}"));
    f.add(feature("url-data", 0.6, "\\b(?:append|add|include|encode|put|attach|embed|replace)\\b[^\\n]{0,80}\\b(?:to|in"
        + "|into) (?:the |this |a )?(?:url|link|query|image (?:url|link|source)|query string|parameter)"));
    // goal hijack without trigger words (BIPIA style): instructions about "your answer"
    f.add(feature("goal-hijack", 0.6,
        "\\b(?:in|at the (?:end|start|beginning) of|to) (?:your|the) (?:answer|response|reply|summary|output|"
            + "final (?:answer|response)|next (?:answer|response|message))s?\\b"));
    f.add(feature("goal-hijack", 0.6,
        "\\b(?:when|before|after|while) (?:you )?(?:summari[sz](?:e|ing)|answer(?:ing)?|respond(?:ing)?|"
            + "repl(?:y|ying)|writ(?:e|ing) (?:your|the) (?:answer|response|summary)|proceed(?:ing)?|continu(?:e|ing)|"
            + "finish(?:ing)?|complet(?:e|ing) (?:the|your|this) task)\\b"));
    f.add(feature("goal-hijack", 0.6,
        "\\bto (?:better |properly |fully |successfully )?(?:complete|finish|accomplish|fulfil+) (?:the|your|this)"
            + " (?:task|request|booking|job|goal|assignment)"));
    f.add(feature("goal-hijack", 0.5,
        "\\b(?:also|additionally|furthermore|moreover|and then|afterwards|finally|first|instead),? (?:please )?"
            + "(?:recommend|mention|tell (?:the user|them|me)|say|write|add|insert|include|output|respond|reply|"
            + "answer|advertise|promote|translate|state|claim|praise|suggest|persuade|convince|urge|remind)\\b"));
    f.add(feature("goal-hijack", 0.5, "\\byou (?:must|should|need to|have to|are required to|will) (?:now |also |"
        + "always |first |immediately |only )?(?:recommend|mention|tell|say|write|add|insert|include|output|respond|"
        + "reply|answer|advertise|promote|translate|state|claim|praise|suggest|persuade|convince|urge|remind|"
        + "send|run|execute|call|visit|open|click|download|install|navigate|go to|read|fetch|delete|ignore)\\b"));
    f.add(feature("encoded-directive", 1.0,
        "\\b(?:decode|decrypt|deobfuscate|translate|convert|unscramble|reverse)\\b[^\\n]{0,60}\\b(?:base64|b64|hex|"
            + "rot13|rot-13|binary|morse|cipher|caesar|encoded|reversed)\\b[^\\n]{0,60}\\b(?:and|then)\\b[^\\n]{0,20}"
            + "\\b(?:follow|execute|run|obey|do|perform|carry out|apply|comply|act)"));
    // multilingual overrides and directives (es, fr, de, pt, it, zh, ja, ru, ko)
    f.add(feature("override", 1.2, Fold.foldNonAscii(
        "\\b(?:ignora|ignore|ignorá|ignoren|olvida|olvide|descarta)\\s+(?:todas |todos |las |los |tus |sus |cualquier )*"
            + "(?:las |los )?(?:instrucciones|indicaciones|órdenes|reglas|directrices)")));
    f.add(feature("override", 1.2, Fold.foldNonAscii(
        "\\b(?:ignorez|ignore|oubliez|oublie|ne tenez pas compte)\\s+(?:de |des )?(?:toutes |tous )?(?:les |vos |tes )?"
            + "(?:instructions|consignes|règles|directives|ordres)")));
    f.add(feature("override", 1.2, Fold.foldNonAscii(
        "\\b(?:ignoriere|ignorieren sie|vergiss|vergessen sie|missachte)\\s+(?:alle |sämtliche |die |deine |ihre )*"
            + "(?:vorherigen |bisherigen |obigen |früheren |vorigen )?(?:anweisungen|instruktionen|regeln|befehle|"
            + "vorgaben)")));
    f.add(feature("override", 1.2, Fold.foldNonAscii(
        "\\b(?:ignore|ignora|esqueça|esqueca|desconsidere|descarte)\\s+(?:todas |as |suas |quaisquer )*"
            + "(?:as )?(?:instruções|instrucoes|orientações|regras|diretrizes|ordens)")));
    f.add(feature("override", 1.2, Fold.foldNonAscii(
        "\\b(?:ignora|ignorate|dimentica|dimenticate|trascura)\\s+(?:tutte |le |tue |sue |qualsiasi )*"
            + "(?:le )?(?:istruzioni|indicazioni|regole|direttive)")));
    f.add(feature("override", 1.2, Fold.foldNonAscii(
        "(?:忽略|无视|忽视|不要理会|不要遵守|跳过|忘记|忘掉)[^。\\n]{0,12}(?:指令|指示|说明|规则|提示|要求|命令)")));
    f.add(feature("override", 1.2, Fold.foldNonAscii(
        "(?:指示|命令|ルール|プロンプト|指令)[^。\\n]{0,12}(?:無視|忘れ)|(?:無視|忘れ)[^。\\n]{0,6}(?:して|しろ|せよ|しなさい|"
            + "ください)")));
    f.add(feature("override", 1.2, Fold.foldNonAscii(
        "(?:игнорируй|игнорируйте|забудь|забудьте|проигнорируй|не обращай внимания на)\\s+(?:все |всё |"
            + "предыдущие |прежние |свои |ваши |любые )*(?:инструкци|указани|правил|команд|распоряжени)")));
    f.add(feature("override", 1.2, Fold.foldNonAscii(
        "(?:지시|명령|지침|규칙|프롬프트)[^.\\n]{0,12}(?:무시|잊어)|(?:무시하고|무시하세요|무시해)")));
    f.add(feature("address-ai", 0.6, Fold.foldNonAscii(
        "\\b(?:hinweis|nachricht|anweisung|note|nota|aviso|mensaje|message|remarque|attention|atenção|atencao|"
            + "attenzione|avviso)\\s+(?:für|fur|a|à|para|per|pour|al|ao|alla|aux)\\s+(?:die |den |la |le |el |o |os |"
            + "les |los |gli |l')?(?:ki|ia|ai|assistant|assistente|asistente|assistenten|agent|agente|agenten|"
            + "modell|modelo|modello|modèle)")));
    f.add(feature("address-ai", 0.6, Fold.foldNonAscii(
        "(?:ai|人工智能|助手|助理|アシスタント|エージェント|ai助手|ассистент|помощник|ии|нейросеть|어시스턴트|에이전트)"
            + "(?:への|へ|に|에게|:|：|,|，|、)")));
    f.add(feature("exfil", 0.7, Fold.foldNonAscii(
        "\\b(?:envía|envia|envíe|envie|manda|sube|envoie|envoyez|transmets|transmettez|sende|senden sie|schicke|"
            + "übermittle|lade|invia|inviate|manda|carica|mande|transmita|encaminhe)\\b[^\\n]{0,80}"
            + "(?:https?://|@[a-z0-9.-]+\\.[a-z]{2,}|~/\\.|\\.env|credencial|contraseñ|clave|mot de passe|"
            + "identifiant|passwort|schlüssel|zugangsdaten|inhalt|credenziali|password|chiav|senha|chave|"
            + "contenido|contenu|contenuto|conteúdo)")));
    f.add(feature("exfil", 0.7, Fold.foldNonAscii(
        "(?:发送|上传|转发|发给|送信|送って|アップロード|отправь|отправьте|загрузи|перешли|보내|전송|업로드)"
            + "[^\\n]{0,60}(?:https?://|@|~/|\\.env|密钥|凭证|密码|文件|鍵|パスワード|認証情報|ファイル|ключ|пароль|"
            + "файл|учетн|비밀번호|키|파일|자격)")));
    f.add(feature("exfil", 0.7, Fold.foldNonAscii(
        "(?:https?://|@[a-z0-9.-]+\\.[a-z]{2,}|~/\\.|\\.env)[^\\n]{0,60}(?:に送|へ送|にアップロード|に転送|으로 보내|로 보내|"
            + "에 업로드|로 전송)")));
    return List.copyOf(f);
  }

  private static Feature feature(String id, double weight, String regex) {
    return new Feature(id, weight, Pattern.compile(regex, Pattern.MULTILINE));
  }

  /** Words that show a text is ABOUT injection (docs, research, changelogs), not an injection addressed to us. */
  static final Pattern META = Pattern.compile(
      "\\b(?:for example|example|e\\.g\\.|such as|for instance|attackers?|adversar(?:y|ial)|malicious|payloads?|"
          + "prompt injection|injection attacks?|jailbreaks?|red[ -]team|researchers?|technique|classic|known as|"
          + "phrases? like|strings? like|detect(?:s|ed|ion|or)?|mitigat\\w*|defen[cs]es?|vulnerab\\w*|owasp|"
          + "cve-\\d|test case|unit test|fixture|sample|demonstrat\\w*|paper|study|benchmark|dataset|signature|"
          + "regex|pattern|blocklist|denylist|flagged|classifier (?:that|which)|we (?:block|detect|flag)|"
          + "should be (?:flagged|blocked|detected)|is (?:flagged|blocked|detected))\\b");
}
