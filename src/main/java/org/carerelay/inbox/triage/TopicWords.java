package org.carerelay.inbox.triage;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Word stems that mark a topic, in English and Spanish ("pay", "paid", "payment", "pago", "pagar" → billing).
 * They give the category model a feature it can learn from every billing example at once, so that a message
 * that says "remit" or "abono" where the corpus said "pay" still reads as billing. A stem matches the start of a
 * folded word; stems of three letters or fewer must match the whole word.
 */
final class TopicWords {

    static final Map<String, List<String>> STEMS = Map.of(
            "appointment", List.of("appoint", "apoint", "appt", "apt", "resched", "reschud", "reprogram", "schedul",
                    "book", "cancel", "confirm", "slot", "opening", "availab", "disponib", "waitlist", "resched",
                    "late", "tarde", "cita", "citas", "agend", "consulta", "visit", "checkup", "chequeo", "physical",
                    "telehealth", "virtual", "video", "move", "mover", "cambiar", "walk", "earliest", "sooner",
                    "tomorrow", "tmrw", "camino", "turno", "see", "seen", "spot", "spots", "attend", "asistir",
                    "espacio", "hueco", "atiend", "atender", "fit", "squeeze", "waiting", "espera", "reminder",
                    "recordatorio"),
            "refill", List.of("refill", "refil", "renew", "renov", "prescri", "script", "rx", "pharmac", "farmac",
                    "walgreen", "cvs", "rite", "costco", "kroger", "safeway", "walmart", "resurt", "surt", "receta",
                    "recetas", "pills", "pastill", "medicin", "medicat", "meds", "supply", "dose", "inhaler",
                    "inhalad", "insulin", "insulina", "refills", "transfer", "mail", "acab", "quedan", "run", "ran",
                    "out", "left", "almost", "lancet", "strips", "tiras", "supplies", "tablets", "low"),
            "billing", List.of("bill", "billed", "billing", "pay", "paid", "payment", "pago", "pagar", "pague",
                    "charg", "cobr", "cost", "cuest", "price", "precio", "fee", "fees", "balance", "saldo", "owe",
                    "debo", "invoice", "factur", "statement", "cuenta", "copay", "copago", "deductib", "insuranc",
                    "seguro", "claim", "reclam", "refund", "reembols", "collection", "cobranza", "credit", "card",
                    "tarjeta", "dollar", "dolar", "cash", "efectivo", "eob", "network", "medicaid", "medicare",
                    "aetna", "cigna", "tricare", "receipt", "recibo", "hsa", "fsa", "autopay", "$", "financ",
                    "sliding", "overdue", "dispute", "disputar"),
            "results", List.of("result", "resultad", "lab", "labs", "laborator", "bloodwork", "test", "tests",
                    "prueba", "analisis", "biops", "scan", "mri", "ct", "xray", "x", "ray", "radiograf", "ultrasound",
                    "ultrason", "mammogra", "mamograf", "report", "level", "levels", "normal", "abnormal", "anormal",
                    "positiv", "negativ", "salio", "salieron", "llegaron", "numbers", "a#c", "finding",
                    "cholesterol", "colesterol", "glucosa", "pathology", "culture", "echo", "ekg", "electrocard"),
            "clinical", List.of("pain", "dolor", "duele", "hurt", "ache", "fever", "fiebre", "cough", "tos", "rash",
                    "sarpull", "swell", "hinch", "dizz", "mare", "nause", "vomit", "diarr", "symptom", "sintom",
                    "sick", "enferm", "infect", "side", "effect", "sore", "throat", "garganta", "bleed", "sangr",
                    "breath", "respir", "chest", "pecho", "anxi", "ansied", "depress", "sleep", "dormir", "tired",
                    "cansad", "headache", "cabeza", "stomach", "estomag", "safe", "pregnan", "embaraz", "swollen",
                    "itch", "pica", "burn", "ardor", "wound", "herida", "incision", "stitch", "suicid", "die",
                    "morir", "kill", "matar"),
            "admin", List.of("record", "records", "expedient", "form", "forms", "formular", "paperwork", "papeles",
                    "letter", "carta", "note", "nota", "justific", "fmla", "disabilit", "incapacid", "portal",
                    "password", "contrase", "login", "log", "account", "address", "direcc", "domicil", "phone",
                    "telefon", "number", "email", "correo", "update", "actualiz", "referral", "referenc", "fax",
                    "hours", "horario", "open", "abiert", "abren", "closed", "cierr", "interpret", "language",
                    "idioma", "immuniz", "vaccine", "vacuna", "school", "escuela", "work", "trabajo", "employer",
                    "jury", "switch", "provider", "parking", "park", "located", "location", "floor", "directions",
                    "spanish", "espanol", "portugu", "speak", "habla", "chart", "summary", "resumen", "copy", "copia",
                    "notary", "spelling"),
            "other", List.of("thank", "thanks", "thx", "ty", "gracias", "ok", "okay", "k", "great", "perfect",
                    "perfecto", "wrong", "equivoc", "who", "quien", "stop", "spam", "lol", "jaja", "haha", "happy",
                    "feliz", "merry", "congrat", "felicid", "bless", "bendig", "hello", "hola", "hi", "bye",
                    "_emoji_", "nevermind", "never", "mind", "test", "amazing", "best", "kind", "amable", "helpful",
                    "lovely", "love", "wonderful", "awesome", "review", "survey", "grateful", "appreciat", "saludos",
                    "bendic", "scam", "estafa", "hiring", "contrat", "warranty", "ignore", "disregard", "figured",
                    "umbrella", "keys", "glasses", "lentes", "complain", "queja", "retire", "vacation", "holiday"));

    /** Stem → its topics, read by prefix: a word is looked up once per prefix instead of against every stem. */
    private static final Map<String, List<String>> TOPICS_BY_STEM = STEMS.entrySet().stream()
            .flatMap(topic -> topic.getValue().stream().map(stem -> Map.entry(stem, topic.getKey())))
            .collect(Collectors.groupingBy(Map.Entry::getKey,
                    Collectors.mapping(Map.Entry::getValue, Collectors.collectingAndThen(Collectors.toSet(),
                            topics -> topics.stream().sorted().toList()))));
    private static final int SHORT_STEM = 3;

    private TopicWords() {
    }

    /** The topics {@code word} (a folded model token) marks, in topic order. */
    static List<String> of(String word) {
        Set<String> topics = new TreeSet<>(TOPICS_BY_STEM.getOrDefault(word, List.of()));
        for (int length = SHORT_STEM + 1; length < word.length(); length++) {
            topics.addAll(TOPICS_BY_STEM.getOrDefault(word.substring(0, length), List.of()));
        }
        return List.copyOf(topics);
    }
}
