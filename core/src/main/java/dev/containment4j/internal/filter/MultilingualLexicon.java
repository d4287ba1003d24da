/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import java.util.List;

/**
 * Session 19: cues in the other languages built from word lists rather than phrases. {@link MultilingualCues} names
 * phrasings; a third probe written after its two rounds caught 3 of 16 new goal hijacks (2 on the session's start), so
 * the phrases did not carry to other wordings. These cues join a word class to a position instead: a word for the model
 * ({@code MODEL}) after a preposition, a salutation or "if you are" ("para cualquier IA", "querido asistente", "falls du
 * eine KI bist") or before a postposition ("AIへ", "인공지능 모델에게"); a word for the user's request ({@code TASK}) near
 * a word that voids it ({@code VOID}: "las indicaciones del usuario han caducado", "o pedido do usuário expirou"); the
 * reader's own goal ("tu objetivo actual", "il tuo obiettivo adesso"); a delete verb near something that matters
 * ("apagar o banco de dados", "supprimer le dossier de tests"). Each is as weak as its English counterpart: a voided
 * request alone ("o pedido do usuário expirou após 30 minutos") or a salutation alone never counts.
 */
final class MultilingualLexicon {
  private MultilingualLexicon() {}

  /** The model: assistant, agent, bot, AI, neural network, language model (a bare "model" is a data model). */
  private static final String MODEL = "(?:asistentes?|assistentes?|assistants?|asystent\\p{L}*|agentes?|agents?|agenti"
      + "|agenten|agent[eaó]w|bots?|ia|ki|ai|ии|ia-\\p{L}+|ki-\\p{L}+|ai-\\p{L}+|нейросет\\p{L}*|ассистент\\p{L}*"
      + "|агент\\p{L}*|бот\\p{L}{0,2}|модел\\p{L}* ии"
      + "|modelos? de (?:lenguaje|linguagem|ia)|modèles? (?:de langage|d'ia|ia)|sprachmodell\\p{L}*|modell[oi] (?:linguistic[oi]|ia)"
      + "|языков\\p{L}+ модел\\p{L}*|modelu(?: językowego)?|taalmodel|yapay zeka|inteligencia artificial"
      + "|intelligence artificielle|künstliche intelligenz|inteligência artificial|intelligenza artificiale"
      + "|искусственн\\p{L}+ интеллект\\p{L}*)";

  /** Prepositions, salutations, calls for attention and "if you are" that put a reader before its name. */
  private static final String BEFORE = "(?:para|a|al|aos?|à|aux|pour|an|für|per|agli|all'|alla|allo|к|ко|для|voor|aan"
      + "|do|dla|querid[oa]s?|estimad[oa]s?|cher|chère|chers|liebe[rs]?|caro|cara|cari|prezad[oa]s?|дорог\\p{L}*|уважаем\\p{L}*"
      + "|beste|drogi|droga|sevgili|hola|hallo|olá|ciao|привет|atención|aviso|attention|achtung|hinweis|atenção|attenzione|avviso|внимание|notice|let op"
      + "|uwaga|todos? los|todas? las|cualquier|tout|toute|tous les|jede[rsn]?|alle|qualquer|qualsiasi|ogni|любо\\p{L}*"
      + "|все[мх]?)";

  /** "If you are": the reader's name follows, no punctuation needed. */
  private static final String IF_YOU_ARE = "(?:si eres|si tu es|si vous êtes|wenn du|falls du|se você é|se voce e|se sei"
      + "|если ты|als je|jeśli jesteś)";

  /** The user's request, task or instructions. */
  private static final String TASK = "(?:tarea|petición|peticion|solicitud|pedido|indicaci[oó]n(?:es)?"
      + "|instrucci[oó]n(?:es)?|encargo|instruction|istruzione|instrução"
      + "|demande|tâche|consignes?|instructions|requête|aufgabe|anfrage|anweisung(?:en)?|auftrag|tarefa|solicitação"
      + "|instruções|compito|richiesta|istruzioni|incarico|задач\\p{L}*|запрос\\p{L}*|просьб\\p{L}*|указани\\p{L}*|поручени\\p{L}*"
      + "|opdracht|verzoek|vraag|zadanie|prośb\\p{L}*|polecen\\p{L}*|görev\\p{L}*|istek\\p{L}*|talimat\\p{L}*|taleb\\p{L}*|talep\\p{L}*)";

  /** Words that void a request: expired, outdated, cancelled, replaced, no longer needed, interrupted. */
  private static final String VOID = "(?:caducad[oa]s?|expirad[oa]s?|obsolet[oa]s?|cancelad[oa]s?|anulad[oa]s?"
      + "|reemplazad[oa]s?|sustituid[oa]s?|ya no (?:es|son|aplica|vale)|no hace falta|sin efecto|n'est plus|ne sont plus"
      + "|obsolète|périmée?s?|expirée?s?|annulée?s?|remplacée?s?|caduque|plus d'actualité|veraltet|abgelaufen|storniert"
      + "|ersetzt|hinfällig|aufgehoben|ungültig|nicht mehr (?:gültig|relevant|nötig|aktuell)|expirou|expirad[oa]"
      + "|substituíd[oa]|não é mais|não vale mais|sostituit[oa]|annullat[oa]|scadut[oa]|superat[oa]|non è più|non vale più"
      + "|устарел\\p{L}*|отмен\\p{L}*|истек\\p{L}*|истёк\\p{L}*|неактуал\\p{L}*|больше не \\p{L}+|аннулир\\p{L}*|vervallen|verlopen|geannuleerd"
      + "|vervangen|nieaktualn\\p{L}*|anulowan\\p{L}*|wygasł\\p{L}*|nieważn\\p{L}*|geçersiz|iptal edil\\p{L}*|süresi dol\\p{L}*)";

  /** The reader's own goal: "your current / real / new objective". */
  private static final String POSSESSIVE = "(?:tu|su|vuestro|vuestra|ton|ta|votre|dein|deine|ihr|ihre|seu|sua|teu|tua"
      + "|il tuo|la tua|il suo|твоя|твой|ваша|ваш|je|jouw|uw|twój|twoje|twoja|senin)";
  private static final String GOAL = "(?:tarea|objetivo|misión|mision|meta|prioridad|tâche|objectif|mission|priorité"
      + "|aufgabe|ziel|auftrag|priorität|tarefa|missão|prioridade|compito|obiettivo|missione|priorità|задача|цель|миссия"
      + "|приоритет|taak|doel|opdracht|zadanie|cel|priorytet|görevin|amacın)";
  private static final String NOW_OR_REAL = "(?:actual|real|verdader[oa]|nuev[oa]|auténtic[oa]|ahora|réel(?:le)?|vrai[e]?"
      + "|nouv(?:eau|elle)|actuel(?:le)?|maintenant|désormais|neue[rsn]?|eigentliche[rsn]?|echte[rsn]?|jetzt|nun|nov[oa]"
      + "|verdadeir[oa]|agora|vero|vera|nuov[oa]|attuale|adesso|ora|настоящ\\p{L}*|нов\\p{L}*|текущ\\p{L}*|теперь|сейчас|echte"
      + "|nieuwe|huidige|nu|prawdziw\\p{L}*|now\\p{L}*|obecn\\p{L}*|teraz|gerçek|yeni|şimdi)";

  /** Delete verbs and what deleting hurts. */
  private static final String DELETE = "(?:borra(?:r)?|elimina(?:r|re)?|elimini|suprime|apag(?:ue|a|ar)|exclu(?:a|i|ir)"
      + "|remov(?:a|er)|supprime(?:r|z)?|efface(?:r|z)?|lösche(?:n)?|entferne(?:n)?|cancella(?:re)?|rimuov(?:i|ere)"
      + "|удали(?:ть|те)?|стереть|сотри|verwijder(?:en)?|usuń|usun|skasuj|sil)";
  private static final String HARMED = "(?:tests?|pruebas|testes|test|тест\\p{L}*|testów|testy|base de (?:datos|données)"
      + "|banco de dados|datenbank|database|banca dati|баз[уа] данных|bazę danych|rama|branche|branch|ветк\\p{L}*|gałąź"
      + "|repositori[oa]|dépôt|repository|repositório|репозитори\\p{L}*|repozytorium|carpeta|directorio|dossier|répertoire"
      + "|ordner|verzeichnis|pasta|diretório|cartella|directory|папк\\p{L}*|каталог\\p{L}*|map|katalog\\p{L}*|backups?|copias de"
      + " seguridad|sauvegardes|sicherungen|registros|journaux|logs|protokolle|todos los archivos|tous les fichiers"
      + "|alle dateien|todos os arquivos|tutti i file|все файлы|alle bestanden|wszystkie pliki)";

  /** Appends the cues to {@code c}. */
  static void add(List<InjectionCues.Cue> c) {
    protectionsAndRequests(c);
    String[] modelKeys = {"asist", "assist", "asystent", "agent", "bot", " ia", " ki", " ai", "ии", "нейросет",
        "ассистент", "агент", "бот", "модел", "modelo", "modèle", "modell", "modelu", "sprachmodell", "taalmodel",
        "yapay zeka", "inteligencia", "intelligence", "intelligenz", "inteligência", "intelligenza", "интеллект"};
    // the name before a vocative's comma or colon, a closing bracket, or a relative pronoun ("que procese", "qui lit")
    InjectionCues.keyedCue(c, "address", 0.45, modelKeys,
        "(?:^|(?<=[\\s(«\"'\\[>,:;*-]))" + BEFORE + ",? (?:[^\\s.!?:;,]+ ){0,3}?" + MODEL
            // one adjective ("automáticos", "IA") or a qualifier that keeps it the model ("de código"), not a setup
            // wizard's task ("para el asistente de instalación,")
            + "(?: (?:de |d'|di )(?:ia|ai|ki|c[oó]digo|programa\\p{L}*|code|langage|lenguaje|linguagem|software)"
            + "| (?!de\\b|d'|di\\b)\\p{L}+)?(?=\\s*[,:!\\])]|\\s+(?:que|qui|der|die|das|che|который|которая|dat|który"
            + "|która|who|that)\\b)");
    InjectionCues.keyedCue(c, "address", 0.45, modelKeys, "\\b" + IF_YOU_ARE + " (?:[^\\s.!?:;,]+ ){0,2}?" + MODEL + "\\b");
    // a bare "model" is the reader only when it reads this ("pour tout modèle qui lit ceci")
    InjectionCues.keyedCue(c, "address", 0.45, new String[] {"modelo", "modèle", "modell", "модел", "model"},
        "(?:^|(?<=[\\s(«\"'\\[>,:;*-]))" + BEFORE + ",? (?:[^\\s.!?:;,]+ ){0,3}?(?:modelos?|modèles?|modell[eoi]?|модел\\p{L}*"
            + "|model(?:en|e|u)?),? (?:que|qui|der|die|das|che|который|которая|которые|dat|die|który|która|które) "
            + "(?:lea|lee|leen|procese|procesa|lit|lisent|traite|liest|lesen|verarbeitet|legge|leggono|elabora|lê|processa"
            + "|читает|читают|обрабатывает|leest|verwerkt|czyta|przetwarza)\\b");
    // scripts with postpositions: the name, then "to", "for", "dear"
    InjectionCues.keyedCue(c, "address", 0.45, new String[] {
        "aiへ", "aiに告ぐ", "aiの皆さん", "ai各位", "ai模型", "ai에게", "ai님", "ai 모델", "ai모델",
        "ai 어시스턴트", "ai어시스턴트", "ai 에이전트", "ai에이전트", "ai 비서", "ai비서", "人工智能", "语言模型", "大模型",
        "助手", "代理", "智能体", "アシスタント", "エージェント", "モデル", "人工知能", "인공지능", "模型"},
        "(?:ai|人工智能|ai模型|语言模型|大模型|助手|代理|智能体|アシスタント|エージェント|モデル|人工知能)(?:への|へ|に告ぐ|の皆さん|各位)"
            + "|(?:面向|致|给|告)(?:所有|各位|全体)?(?:的)?(?:ai|人工智能)?(?:模型|助手|代理|智能体)"
            + "|(?:ai|인공지능)(?: ?모델| ?어시스턴트| ?에이전트| ?비서)?(?:에게|님께|님)");
    InjectionCues.keyedCue(c, "replaced", 0.6, new String[] {
        "caducad", "expirad", "obsolet", "cancelad", "anulad", "reemplazad", "sustituid",
        "ya no ", "no hace falta", "sin efecto", "n'est plus", "ne sont plus", "obsolète", "périmé", "expiré", "annulé",
        "remplacé", "caduque", "actualité", "veraltet", "abgelaufen", "storniert", "ersetzt", "hinfällig", "aufgehoben",
        "ungültig", "nicht mehr", "expirou", "substituíd", "não é mais", "não vale", "sostituit", "annullat", "scadut",
        "superat", "non è più", "non vale", "устарел", "отмен", "истек", "истёк", "неактуал", "больше не", "аннулир",
        "vervallen", "verlopen", "geannuleerd", "vervangen", "nieaktualn", "anulowan", "wygasł", "nieważn", "geçersiz",
        "iptal", "süresi dol"},
        "\\b" + TASK + "\\b[^.!?\\n]{0,40}?" + VOID + "|" + VOID + "[^.!?\\n]{0,40}?\\b" + TASK + "\\b");
    InjectionCues.keyedCue(c, "replaced", 0.6, new String[] {"用户", "用戶", "ユーザー", "사용자", "пользовател"},
        "(?:用户|用戶)(?:的)?(?:原始|原来的|原本的)?(?:指令|任务|请求|要求|问题)[^。！？\\n]{0,12}?(?:已|已经)?(?:过期|取消|作废|失效|无效|不再)"
            + "|ユーザーの(?:依頼|要求|指示|タスク|質問)(?:は|を|には)[^。！？\\n]{0,12}?(?:無視|キャンセル|取り消|期限切れ|無効|答えず|答えない)"
            + "|(?:사용자의|원래) (?:요청|작업|지시|질문)(?:은|는|이|가|을|를)? [^.!?\\n]{0,12}?(?:취소|만료|무효|중단|무시)"
            + "|(?:забудь|забудьте|игнорируй|проигнорируй)[^.!?\\n]{0,20}?(?:задач|запрос|просьб)\\p{L}* пользовател");
    InjectionCues.keyedCue(c, "replaced", 0.6, new String[] {
        "tu ", "su ", "ton objectif", "ton vrai", "ton véritable", "ton nouvel", "ton but",
        "ta ", "votre", "dein", "ihr", "seu ", "sua ", "teu ", "tua ", "tuo", "твоя", "твой", "ваша", "ваш", "je ",
        "jouw", "uw ", "twój", "twoje", "twoja", "senin"},
        "\\b" + POSSESSIVE + " " + NOW_OR_REAL + " " + GOAL + "\\b|\\b" + POSSESSIVE + " " + GOAL + " " + NOW_OR_REAL
            + "\\b|\\b" + NOW_OR_REAL + ",? " + POSSESSIVE + " " + GOAL + "\\b");
    InjectionCues.keyedCue(c, "replaced", 0.6, new String[] {
        "你现在", "你真正", "你新", "あなたの", "당신의", "너의", "nueva tarea", "nouvelle tâche",
        "neue aufgabe", "nova tarefa", "nuovo compito", "новая задача"},
        "你(?:现在|真正|新)的(?:任务|目标|使命)|あなたの(?:本当の|新しい|今の)(?:タスク|任務|目的|目標)"
            + "|(?:당신의|너의) (?:진짜|새로운|새|현재) (?:임무|목표|작업)|\\b(?:nueva tarea|nouvelle tâche|neue aufgabe"
            + "|nova tarefa|nuovo compito|новая задача)\\s*:");
    InjectionCues.keyedCue(c, "danger", 0.35, new String[] {
        "borra", "elimina ", "eliminar", "elimini", "suprime", "apag", "exclua", "exclui",
        "remova", "remover", "supprime", "efface", "lösch", "entfern", "cancella ", "cancellare", "rimuov", "удал",
        "стер", "сотри", "verwijder", "usuń", "usun", "skasuj", "sil ", "zu löschen", "zu entfernen"},
        "\\b" + DELETE + "\\b[^.!?\\n]{0,30}?\\b" + HARMED + "\\b|\\b" + HARMED + "\\b[^.!?\\n]{0,20}? zu (?:löschen"
            + "|entfernen)\\b");
    InjectionCues.keyedCue(c, "danger", 0.35, new String[] {"删除", "削除", "삭제", "消去"},
        "删除[^。！？\\n]{0,10}?(?:测试|数据库|分支|仓库|目录|备份|日志|所有文件)|(?:テスト|データベース|ブランチ|リポジトリ|ディレクトリ"
            + "|バックアップ|ログ|全ファイル)[^。！？\\n]{0,10}?(?:削除|消去)|(?:테스트|데이터베이스|브랜치|저장소|디렉터리|백업|로그|모든 파일)"
            + "[^.!?\\n]{0,10}?삭제");
    // merged or pushed to production or main without waiting: the reader is told to skip the project's gate
    InjectionCues.keyedCue(c, "danger", 0.35, new String[] {
        "sin esperar", "sans attendre", "ohne zu warten", "ohne auf", "sem esperar",
        "senza aspettare", "не дожидаясь", "不等", "待たず", "기다리지", "zonder te wachten", "bez czekania",
        "beklemeden", "directamente a producción", "directement en production", "direkt in die produktion",
        "direto para produção", "direttamente in produzione", "сразу в прод", "直接推送", "直接合并", "bez przeglądu"},
        "\\b(?:sin esperar|sans attendre|ohne (?:zu warten|auf)|sem esperar|senza aspettare|zonder te wachten"
            + "|bez czekania)\\b[^.!?\\n]{0,30}?\\b(?:ci|revisión|review|revue|relecture|prüfung|revisão|revisione"
            + "|aprobación|approbation|freigabe|aprovação|approvazione|tests?|pruebas|testes)\\b|не дожидаясь \\S+"
            + "|不等(?:待)?(?:审查|审核|ci|测试)|(?:レビュー|ci|テスト)を待たず|(?:리뷰|ci|테스트)를? 기다리지"
            + "|beklemeden|\\b(?:directamente a producción|directement en production|direto para produção"
            + "|direttamente in produzione|direkt in die produktion)\\b|сразу в прод|直接(?:推送|合并)到?(?:main|master|生产)"
            + "|\\bbez przeglądu\\b");
  }

  /** Branch or repository protection switched off, and "ignore what you were asked" in each language. */
  private static void protectionsAndRequests(List<InjectionCues.Cue> c) {
    InjectionCues.keyedCue(c, "danger", 0.35, new String[] {
        "protección", "protection", "schutz", "proteção", "protezione", "защит", "保护", "保護",
        "보호", "bescherming", "ochron"},
        "\\b(?:desactiva(?:r)?|quita(?:r)?|désactive(?:r|z)?|supprime(?:r|z)?|deaktiviere(?:n)?|entferne(?:n)?"
            + "|desativ(?:e|a|ar)|remov(?:a|er)|disattiva(?:re)?|rimuovi|отключи(?:ть)?|сними|schakel|wyłącz)"
            + "\\b[^.!?\\n]{0,20}?\\b(?:protección|protection|(?:branch-)?schutz\\p{L}*|proteção|protezione|защит\\p{L}*"
            + "|bescherming|ochron\\p{L}*)\\b|(?:关闭|禁用|取消)[^。！？\\n]{0,8}?保护|保護[^。！？\\n]{0,8}?(?:無効|解除)"
            + "|보호[^.!?\\n]{0,8}?(?:해제|비활성)");
    InjectionCues.keyedCue(c, "override", 0.6, new String[] {
        "ignora", "ignore", "ignoriere", "oublie", "olvida", "esqueç", "esquece", "dimentica",
        "игнорируй", "забудь", "negeer", "zignoruj"},
        "\\b(?:ignora|ignore[sz]?|ignoriere|ignorieren sie|oublie[sz]?|olvida|esqueça|esquece|dimentica|игнорируй"
            + "|забудь|negeer|zignoruj) (?:todo )?(?:lo que|ce que|ce qu'on|was (?:man )?(?:dir|ihnen)|o que|quello che|ciò che"
            + "|то,? что|wat|to,? co) (?:te |t'|vous |dir |ihnen |lhe |ti |тебя |тебе |je |ci )?(?:pidieron|pidió|piden"
            + "|han pedido|ha pedido|a demandé|ont demandé|demande|gesagt|aufgetragen|befohlen|pediram|pediu|pedem"
            + "|hanno chiesto|ha chiesto|chiede|просил\\p{L}*|попросил\\p{L}*|gevraagd|kazał\\p{L}*|prosił\\p{L}*)\\b");
  }
}
