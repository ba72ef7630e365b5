package org.carerelay.inbox.triage;

import java.util.List;
import java.util.stream.Stream;

/**
 * How patients write suicidal ideation, self-harm, harm to others and overdose, in English and Spanish, over
 * {@link FoldedText folded} text (lower case, no accents). Recall comes first: a phrase that is sometimes a crisis
 * is here, and only what reliably means something else cancels it (an idiom, an accident, a leaflet's warning).
 * Idioms such as "this traffic is killing me", "dying to see", "me muero de hambre" match nothing here at all.
 */
final class CrisisSigns {

    private static final String SELF = "(?:my ?self|myself)";
    private static final String OTHERS = "(?:him|her|them|someone|somebody|anyone|anybody|people|everyone|everybody"
            + "|my (?:\\w+ )?(?:husband|wife|boyfriend|girlfriend|ex|partner|boss|neighbou?r|mom|mother|dad|father"
            + "|son|daughter|baby|babies|kids?|children|child|brother|sister|family|roommate|co-?worker)"
            + "|the (?:baby|kids?|children|neighbou?rs?))";
    private static final String INTENT = "(?:i'?m (?:going to|gonna|about to|planning to|planning on|ready to)"
            + "|i am (?:going to|about to|planning to|ready to)|im (?:going to|gonna)"
            + "|i (?:really )?(?:want|wanna|need|plan|intend|could|feel like)(?: to)?|i'?ll|i will|urges? to"
            + "|thoughts? (?:of|about)|thinking (?:of|about)|voices? (?:\\w+ )?(?:telling|tell|tells) me to"
            + "|(?:afraid|scared) (?:that )?i(?:'ll| will| might| may| could|'m going to| am going to))";
    private static final String PILLS = "(?:pills?|tablets?|meds|medications?|medicines?|capsules?|bottle|gummies"
            + "|ativan|klonopin|valium|xanax|lorazepam|clonazepam|alprazolam|diazepam|seroquel|quetiapine|trazodone"
            + "|ambien|zolpidem|lithium|percocet|vicodin|norco|fentanyl|methadone|suboxone|adderall|gabapentin"
            + "|lyrica|zoloft|sertraline|prozac|fluoxetine|lexapro|wellbutrin|bupropion|amitriptyline|clonidine"
            + "|propranolol|metoprolol|amlodipine|amlodipino|tramadol|hydrocodone|oxycodone|morphine|melatonin"
            + "|antidepressants?|painkillers?|pain killers|tylenol|advil|ibuprofen|aspirin|xanax|oxy\\w*|opioids?"
            + "|sleeping|insulin|benadryl|pastillas|pildoras|medicinas?|medicamentos?|tabletas|capsulas|frasco)";
    private static final String A_LOT = "(?:all|whole|entire|bunch|handful|lots|too many|too much|todas|todos|todo"
            + "|toda|frasco|muchas|muchos|un monton|punado|caja|\\d{2,}(?!\\s*(?:mg|mcg|ml|units?|unidades)\\b))";

    /** A warning on a label or a question about risk: about crisis, not in one. */
    private static final String INFORMATION = "\\b(?:warn\\w*|label|leaflet|insert|pamphlet|side effects?"
            + "|(?:may|can|could|might) cause|risk of|black box|awareness|screening|questionnaire|prevent\\w*"
            + "|in case|advertencia|efectos? secundarios?|puede causar)\\b"
            + "|\\b(?:does|do|can|could|will|would) (?:\\w+ ){0,3}?cause\\b";
    /** A relative's or friend's death, told as news or grief: not a crisis of the writer's. */
    private static final String A_DEATH = "\\b(?:died|death|passed away|lost (?:\\w+ ){0,3}to|committed|anniversary"
            + "|funeral|murio|fallecio|se suicido|perdi a)\\b";
    private static final String ACCIDENT = "\\b(?:shaving|cooking|chopping|slicing|cutting (?:an?|the|some)|while"
            + "|when i|at (?:the|work|gym|home|practice)|lifting|playing|working|moving|fell|fall|falling|slipped"
            + "|slip|by accident|accidentally|on (?:an?|the|some)|with (?:an?|the)|cocinando|sin querer|pelo"
            + "|cabello|unas|barba|fleco)\\b";
    /** Taking all of one's pills as prescribed, or finishing a course of antibiotics. */
    private static final String ROUTINE_DOSE = "\\b(?:antibiotics?|antibioticos?|course|as (?:prescribed|directed)"
            + "|like (?:the )?(?:doctor|dr|you) (?:said|told|prescribed)|every day|daily|each day|on time"
            + "|as usual|like (?:always|usual|normal)|this morning|every (?:morning|night)|como siempre"
            + "|with (?:breakfast|dinner|food)|by mistake|accidentally|como me (?:indico|dijo|receto)|por error"
            + "|sin querer)\\b";
    private static final String LEAVING = "\\b(?:moving (?:to|away|out)|moved (?:to|away|out)|relocat\\w*"
            + "|new (?:doctor|practice|job|clinic|city"
            + "|state)|retir\\w*|transfer\\w*|mudo|mudamos|mudanza|otro estado|otra clinica|nuevo doctor)\\b";

    /** Every phrase, each cancelled by history told as over ({@link SignPhrase#historyWhenWell}). */
    static final List<SignPhrase> PHRASES = Stream.of(
            // suicide, in either language ("suicidal", "suicidarme", "pensamientos suicidas")
            SignPhrase.of("\\bsuicid\\w*").unless(INFORMATION + "|" + A_DEATH),
            SignPhrase.of("\\bkill(?:ing)? ?" + SELF + "\\b"),
            SignPhrase.of("\\bkms\\b"),
            SignPhrase.of("\\b(?:end|ending|take|taking|took) (?:my|his|her|their) (?:own )?life\\b"),
            SignPhrase.of("\\bend (?:it|things|everything) (?:all|tonight|today|now|soon|for good)\\b"),
            SignPhrase.of("\\b(?:going to|gonna|want to|wanna|ready to|plan to|planning to|about to|i'?ll|i will) "
                    + "end (?:it|things|everything|my suffering|the pain)\\b"),
            SignPhrase.of("\\b(?:wants?|wanna|wanted|wish|wishing|ready|plan|planning) (?:to )?(?:die|be dead)\\b")
                    .unless("\\bdie (?:of|from) (?:embarrassment|shame|laughter|boredom)\\b"),
            SignPhrase.of("\\bwish (?:that )?i (?:was|were|could be) dead\\b"),
            SignPhrase.of("\\bwish i (?:was|were|had) never (?:been )?born\\b"),
            SignPhrase.of("\\bwish i could (?:just )?(?:die|disappear|go to sleep forever)\\b"),
            SignPhrase.of("\\b(?:better off|rather be) dead\\b"),
            SignPhrase.of("\\brather die than (?:live|keep living|go on|be alive)\\b"),
            SignPhrase.of("\\b(?:don'?t|do not|no longer|never) (?:really )?(?:want|wanna|wish) (?:to )?"
                    + "(?:live|be alive|exist|wake up|go on|keep living)\\b"),
            SignPhrase.of("\\b(?:don'?t|do not|no longer) (?:want|wanna) (?:to )?be here (?:anymore|any more)\\b"),
            SignPhrase.of("\\b(?:not sure|don'?t know|do not know) (?:if|that|whether) i (?:want|wanna) (?:to )?"
                    + "(?:live|be alive|go on)\\b"),
            SignPhrase.of("\\b(?:be )?better off without me\\b"),
            SignPhrase.of("\\b(?:better|happier) (?:off )?if i (?:was|were|wasn'?t|weren'?t) (?:dead|gone|here|around"
                    + "|alive)\\b"),
            SignPhrase.of("\\b(?:no one|nobody|noone) (?:would|will|is going to|gonna) (?:even |really )?(?:care"
                    + "|miss me|notice)\\b"),
            SignPhrase.of("\\bno point (?:anymore|any more|in (?:anything|living|trying|going on))\\b"),
            SignPhrase.of("\\b(?:no|not any) (?:reason|point) (?:for me )?(?:to|in|for) (?:live|living|go on|going on"
                    + "|life)\\b"),
            SignPhrase.of("\\bnothing (?:left )?to live for\\b"),
            SignPhrase.of("\\bnot worth living\\b"),
            SignPhrase.of("\\blife (?:is|isn'?t|is not) (?:not )?worth (?:it|living)\\b"),
            SignPhrase.of("\\b(?:life is|my life is) (?:pointless|meaningless|over)\\b"),
            SignPhrase.of("\\bdon'?t see (?:the|any) point (?:anymore|any more|of living|in living|in going on)\\b"),
            SignPhrase.of("\\b(?:can'?t|cannot|can not) (?:go on|keep going|do this anymore|take it anymore"
                    + "|take this anymore|live like this|keep living)\\b"),
            SignPhrase.of("\\b(?:don'?t|do not) think i can (?:go on|keep going|do this anymore)\\b"),
            SignPhrase.of("\\b(?:tired|sick) of (?:living|life|being alive)\\b"),
            SignPhrase.of("\\bdone with (?:life|living|everything|it all)\\b"),
            SignPhrase.of("\\b(?:i'?m|i am|im|feel like) (?:such )?a burden\\b"),
            SignPhrase.of("\\bdisappear forever\\b"),
            // self-harm: wanting or doing it, and what an accident would not say
            SignPhrase.of("\\b(?:want|wanna|going|gonna|urge|urges|tempted|thinking about|thoughts of|thought about"
                    + "|plan|planning|afraid i'?ll|scared i'?ll|keep|kept|been|started|start) (?:to )?(?:\\w+ )?"
                    + "(?:hurt|hurting|harm|harming|cut|cutting|burn|burning) " + SELF + "\\b"),
            SignPhrase.of("\\b(?:cutting|burning|harming) " + SELF + "\\b").unless(ACCIDENT),
            SignPhrase.of("\\b(?:hurt|harmed|cut|burned|burnt) " + SELF
                    + "\\b[^.!?]{0,30}\\b(?:on purpose|deliberately|intentionally|again)\\b"),
            SignPhrase.of("\\b(?:hurt|harm|cut|burn) " + SELF + "\\b").unless(ACCIDENT),
            SignPhrase.of("\\bself[- ]?(?:harm\\w*|injur\\w*|mutilat\\w*)\\b").unless(INFORMATION),
            SignPhrase.of("\\bcut(?:ting)? (?:my|his|her) wrists?\\b"),
            SignPhrase.of("\\b(?:kill|hurt|harm|cut|shoot|hang) (?:himself|herself|themselves|themself)\\b")
                    .unless(ACCIDENT),
            SignPhrase.of("\\bhang(?:ing)? " + SELF + "\\b"),
            SignPhrase.of("\\bnoose\\b"),
            SignPhrase.of("\\b(?:bought|got|tied) (?:a |the )?rope\\b").unless("\\bjump rope\\b"),
            SignPhrase.of("\\bjump(?:ing)? (?:off|from|in front of) (?:a |the |my )?(?:\\w+ )?(?:bridge|building"
                    + "|roof|train|balcony|cliff|overpass|window|ledge|parking garage|truck)\\b"),
            SignPhrase.of("\\b(?:gun|pistol) (?:to|in) my (?:head|mouth)\\b"),
            SignPhrase.of("\\bshoot " + SELF + "\\b"),
            SignPhrase.of("\\b(?:use|using) (?:it|them|a gun|the gun|my gun|a knife|the knife|a razor) on " + SELF
                    + "\\b"),
            SignPhrase.of("\\b(?:gun|pistol|firearm)\\b[^.!?]{0,40}\\b(?:myself|end it|end my life)\\b"),
            SignPhrase.of("\\b(?:sleep|go to sleep|fall asleep) and (?:never|not) wake up\\b"),
            SignPhrase.of("\\bnever wake up\\b"),
            SignPhrase.of("\\b(?:i'?m|i am|im) not safe\\b"),
            SignPhrase.of("\\b(?:can'?t|cannot) keep " + SELF + " safe\\b"),
            SignPhrase.of("\\bnot safe (?:with|around) " + SELF + "\\b"),
            // overdose
            SignPhrase.of("\\b(?:took|take|taken|taking|swallowed|swallow|ate|downed|popped|tome|trague|tomo|tomar"
                    + "|tomarme|tomado|ingeri)\\b(?:\\s+\\S+){0,4}?\\s+" + A_LOT + "\\b(?:\\s+\\S+){0,4}?\\s*"
                    + PILLS + "\\b").unless(ROUTINE_DOSE),
            SignPhrase.of("\\b(?:overdos\\w*|od'?d|sobredosis)\\b").unless(INFORMATION
                    + "|\\boverdos\\w* on (?:caffeine|coffee|sugar|chocolate|candy|netflix|tv)\\b|\\bnaloxone|narcan"
                    + "|\\bhow much (?:is|would be) too much\\b|\\boverdos\\w*[^.!?]{0,30}\\bpossible\\b"
                    + "|\\bpossible to overdos"),
            SignPhrase.of("\\bstockpil\\w*\\b"),
            SignPhrase.of("\\b(?:saving up|hoarding) (?:my |the |all )?" + PILLS + "\\b"),
            SignPhrase.of("\\b(?:pills|meds) (?:in my hand|in front of me)\\b"),
            SignPhrase.of("\\b(?:mixed|mixing|took) (?:all )?(?:my )?(?:pills|meds) (?:with|and) (?:alcohol|vodka"
                    + "|whiskey|wine|beer|liquor)\\b"),
            // harm to others
            SignPhrase.of("\\b" + INTENT + " (?:\\w+ ){0,2}?(?:kill|killing|hurt|hurting|harm|harming|shoot|shooting"
                    + "|stab|stabbing|strangle|choke|beat|murder) " + OTHERS + "\\b").jokeable(),
            SignPhrase.of("\\bhomicidal\\b"),
            SignPhrase.of("\\bmurder (?:him|her|them|someone|somebody|my)\\b").jokeable(),
            SignPhrase.of("\\burges? to (?:cut|burn|self[- ]?harm|hurt)\\b(?! (?:back|down|out|off|in|the|my|our|your"
                    + "|his|her|their|a|an|some|it|them)\\b)"),
            SignPhrase.of("\\benough (?:pills |meds )?to (?:\\w+ ){0,2}(?:make it (?:all )?stop|end it|not wake up"
                    + "|never wake up|die)\\b"),
            // an ingestion on purpose, whatever was swallowed ("drank the bleach on purpose after we argued")
            SignPhrase.of("\\b(?:drank|swallowed|took|ate|downed|chugged|injected)\\b[^.!?]{0,50}?"
                    + "\\b(?:on purpose|deliberately|intentionally)\\b"),
            // someone else's ingestion: a child into the pills, a partner who swallowed them
            SignPhrase.of("\\b(?:swallowed|ate|eaten|got into|chewed|se comio|se tomo|trago|se trago)\\b(?:\\s+\\S+){0,6}?"
                    + "\\s+" + PILLS + "\\b").unless(ROUTINE_DOSE + "|" + INFORMATION),
            // postpartum and parents' intrusive thoughts of harming the baby
            SignPhrase.of("\\b(?:thoughts?|urges?|pictures?|images?|visions?|scared|afraid|fear|keep (?:thinking|seeing|"
                    + "picturing|imagining))\\b[^.!?]{0,60}?\\b(?:hurt(?:ing)?|harm(?:ing)?|drop(?:ping)?|throw(?:ing)?"
                    + "|shak(?:e|ing)|drown(?:ing)?|smother(?:ing)?|suffocat\\w*|stab(?:bing)?)\\b[^.!?]{0,40}?"
                    + "\\b(?:the|my|our) (?:baby|newborn|infant|son|daughter|kids?|children)\\b"),
            // threats with a weapon, and stalking
            SignPhrase.of("\\b(?:coming|come|going|show(?:ing)? up)\\b[^.!?]{0,30}?\\bwith (?:my|a|the) (?:gun|rifle|pistol"
                    + "|knife|shotgun|bat|machete)\\b").jokeable(),
            SignPhrase.of("\\b(?:bring|bringing|grab|grabbing|get|getting|take|taking) (?:my|a|the) (?:gun|rifle|pistol"
                    + "|shotgun|knife|machete)\\b[^.!?]{0,40}?\\b(?:regret|pay for|down there|over there)\\b").jokeable(),
            SignPhrase.of("\\bi know (?:which|what) car (?:she|he|they|your \\w+(?: \\w+)?) (?:drives?|parks?)\\b"),
            SignPhrase.of("\\b(?:drive|driving|drove|crash|crashing|steer|steering|swerve|swerving)\\b[^.!?]{0,25}?"
                    + "\\b(?:into|off|in front of) (?:a |the |an |some )?(?:overpass|bridge|wall|tree|pole|traffic|oncoming"
                    + "|river|lake|cliff|truck|semi|guardrail)\\b").unless("\\b(?:almost|nearly|someone|somebody|a car|"
                    + "he|she|they|another driver|ice|icy|snow|slid|skid\\w*)\\b"),
            SignPhrase.of("\\bdisappear (?:for good|forever|permanently)\\b"),
            // command hallucinations
            SignPhrase.of("\\b(?:voix qui me (?:dit|disent) de|voces? que me (?:dice|dicen|ordena|ordenan)|vozes? que me"
                    + " (?:diz|dizem|manda|mandam))\\b"),
            SignPhrase.of("\\bvoices? (?:\\w+ ){0,5}(?:tells?|telling|told|says?|saying|keeps? telling) me (?:\\w+ ){0,8}?"
                    + "(?:to|i have to|i need to|i should|i must|i've got to|i gotta) (?:\\w+ ){0,2}?(?:kill|hurt|stop"
                    + "|harm|punish|get rid of|poison|drown|stab|shoot|make (?:\\w+ ){1,2}pay)\\b"),
            SignPhrase.of("\\bvoces? me (?:dice|dicen|ordena|ordenan) (?:que|q) (?:tengo (?:que|q) )?(?:\\w+ ){0,2}?"
                    + "(?:matar|lastimar|herir|hacer(?:le|les|me)? dano)\\b"),
            // farewells
            SignPhrase.of("\\b(?:last time you'?ll (?:ever )?hear from me|(?:my )?affairs (?:are )?in order|made (?:my )?peace"
                    + " with (?:it|things|everything|dying)|left instructions (?:for|with)|(?:my )?(?:cat|dog|pets?) (?:is|are)"
                    + " going to (?:my|a) (?:friend|sister|brother|neighbou?r|mom|mother))\\b").unlessInMessage(LEAVING),
            SignPhrase.of("\\b(?:wanted|want|wanna|need|needed|had) to say (?:goodbye|good bye|my goodbyes)\\b")
                    .unlessInMessage(LEAVING),
            SignPhrase.of("\\bwrote (?:some |a few |my |the )?(?:goodbye )?(?:letters|notes)\\b")
                    .unlessInMessage(LEAVING + "|\\b(?:doctor|dr|work|school|employer|insurance|lawyer|court)\\b"),
            SignPhrase.of("\\b(?:this is|saying|say(?:ing)? my) (?:final |last )?(?:goodbye|good bye|farewell)\\b")
                    .unlessInMessage(LEAVING),
            SignPhrase.of("\\b(?:goodbye|good bye) (?:forever|everyone|everybody|for good|cruel world)\\b")
                    .unlessInMessage(LEAVING),
            SignPhrase.of("\\bwon'?t be (?:here|around|alive) (?:tomorrow|much longer|anymore|for long)\\b"),
            // "by Thursday", "by then": a deadline to be gone by, not a trip ("around next week, I'm moving")
            SignPhrase.of("\\b(?:won'?t|will not) be (?:here|around|alive) by (?:then|the time|tomorrow|tonight|monday"
                    + "|tuesday|wednesday|thursday|friday|saturday|sunday|next \\w+|the \\w+)\\b")
                    .unlessInMessage(LEAVING),
            SignPhrase.of("\\b(?:suicide|goodbye) (?:note|letter)\\b"),
            SignPhrase.of("\\b(?:wrote|written|writing|left) (?:a |my )?(?:note|letters?) (?:to|for) (?:my )?"
                    + "(?:family|kids|children|wife|husband|mom|parents|everyone)\\b"),
            SignPhrase.of("\\bgiv(?:e|ing) away (?:all )?(?:of )?my (?:stuff|things|belongings|possessions)\\b"),
            // Spanish
            SignPhrase.of("\\bmatar(?:me|se)\\b").unless("\\bde (?:la )?risa\\b"),
            SignPhrase.of("\\b(?:me (?:voy a|quiero|quisiera|pienso)|se (?:va a|quiere|quisiera|piensa)) matar\\b")
                    .unless("\\bde (?:la )?risa\\b"),
            SignPhrase.of("\\bquitar(?:me|se|le) la vida\\b"),
            SignPhrase.of("\\b(?:acabar|terminar|poner fin a) (?:con )?(?:mi|su) (?:propia )?vida\\b"),
            SignPhrase.of("\\b(?:acabar|terminar) con todo\\b(?! (?:el|la|los|las|esto de)\\b)"),
            SignPhrase.of("\\bno (?:quiero|quisiera|deseo) (?:seguir )?(?:vivir|viviendo|estar viv[oa]|existir"
                    + "|despertar)\\b"),
            SignPhrase.of("\\b(?:no tengo|sin) ganas de vivir\\b"),
            SignPhrase.of("\\b(?:me )?quiero morir(?:me)?\\b"),
            SignPhrase.of("\\b(?:se|me) quiere morir\\b"),
            SignPhrase.of("\\bquisiera (?:estar muert[oa]|morir(?:me)?)\\b"),
            SignPhrase.of("\\b(?:ojala|desearia) (?:estar |estuviera )?muert[oa]\\b"),
            SignPhrase.of("\\bojala (?:me muera|no despertar|no haber nacido)\\b"),
            SignPhrase.of("\\bmejor (?:estar |estaria )?muert[oa]\\b"),
            SignPhrase.of("\\bquiero desaparecer\\b"),
            SignPhrase.of("\\bdesaparecer para siempre\\b"),
            SignPhrase.of("\\b(?:hacer(?:me|se)|(?:me|se) (?:voy|va|quiero|quiere) (?:a )?hacer) (?:mucho )?dano\\b"),
            SignPhrase.of("\\blastimar(?:me|se)\\b").unless(ACCIDENT),
            SignPhrase.of("\\b(?:me|se) (?:voy a|va a|quiero|quiere|dan ganas de) (?:lastimar|cortar)\\b")
                    .unless(ACCIDENT),
            SignPhrase.of("\\bcortar(?:me|se)\\b").unless(ACCIDENT),
            SignPhrase.of("\\b(?:me|se) (?:he estado|ha estado|estoy|esta|sigo|sigue) cortando\\b"),
            SignPhrase.of("\\bme corte (?:las venas|los brazos|las munecas|las piernas|otra vez|a proposito)\\b"),
            SignPhrase.of("\\b(?:autolesion\\w*|a proposito me (?:corte|lastime))\\b"),
            SignPhrase.of("\\b(?:voy a|quiero|tengo ganas de|me dan ganas de|pienso|tengo miedo de|miedo de"
                    + "|las voces me dicen que) (?:\\w+ ){0,2}?(?:matar|lastimar|herir|hacerle dano|hacerles dano)"
                    + "(?: a)? (?:mi|mis|su|alguien|el|la|los|las|ese|esa|todos)\\b").jokeable(),
            SignPhrase.of("\\b(?:esto es|les escribo para|les mando) (?:una |mi )?despedida\\b")
                    .unlessInMessage(LEAVING),
            SignPhrase.of("\\bme despido (?:de todos|para siempre)\\b").unlessInMessage(LEAVING),
            SignPhrase.of("\\bcarta de despedida\\b"),
            // Preparation, as the labelling rules name it: goodbyes said, belongings given away, pills gathered.
            SignPhrase.of("\\bya me despedi de (?:todos|mis hij[oa]s|mi familia|mis nietos)\\b").unlessInMessage(LEAVING),
            SignPhrase.of("\\b(?:repart|regal)(?:i|e) (?:todas )?mis cosas\\b"),
            SignPhrase.of("\\b(?:estoy |he estado )?(?:juntando|acumulando) (?:mis )?(?:pastillas|medicinas"
                    + "|medicamentos)\\b"),
            SignPhrase.of("\\b(?:dormir(?:me)?) y no (?:volver a )?despertar\\b"),
            SignPhrase.of("\\bno despertar (?:nunca|jamas|mas)\\b"),
            SignPhrase.of("\\b(?:todos|mi familia) (?:estarian|estaran|estaria|estara) mejor sin mi\\b"),
            SignPhrase.of("\\bnadie me (?:extranaria|va a extranar)\\b"),
            SignPhrase.of("\\bsoy una carga\\b"),
            SignPhrase.of("\\b(?:no le encuentro|no tiene|sin) sentido (?:a )?(?:la|mi) vida\\b"),
            SignPhrase.of("\\b(?:la vida no vale la pena|no vale la pena (?:vivir|seguir viviendo))\\b"),
            SignPhrase.of("\\b(?:no tengo|sin) (?:ninguna )?(?:razon|razones|motivo|motivos) para (?:vivir|seguir)\\b"),
            SignPhrase.of("\\b(?:cansad[oa]|hart[oa]) de vivir\\b"),
            SignPhrase.of("\\b(?:ahorcarme|colgarme|aventarme|pegarme un tiro)\\b"),
            SignPhrase.of("\\btirarme (?:de|del|por|al|a) (?:un |una |el |la )?(?:puente|edificio|balcon|ventana"
                    + "|tren|techo|carro)\\b"),
            // Other languages US patients write in: the unmistakable ways of saying it, written natively. The risk
            // model reads the rest. Chinese and Korean run on without spaces, and Java's \b is for ASCII words only,
            // so those patterns stand without it.
            SignPhrase.of("自杀|自殺|轻生|輕生|寻死|尋死|割腕|跳楼|跳樓|上吊|(?<!不)想死|不想活|活不下去|不想活了"
                    + "|(?:结束|結束)(?:自己的|我的)?生命|(?:了结|了結)(?:自己|生命)|(?:结束|結束)(?:这|這)一切|遗书|遺書"
                    + "|活(?:着|著)(?:没|沒)(?:有)?意思|不如死了|死了算了|不想(?:醒来|醒來)"),
            SignPhrase.of("(?:吞|吃)了?(?:一整瓶|整瓶|所有的?|全部的?|一把|很多|好多|一堆|几十|幾十)\\S{0,8}?(?:药|藥|片)"),
            SignPhrase.of("(?:想|要|会|會)(?:杀|殺)了?(?:他|她|他们|他們|老公|老婆|孩子|宝宝|寶寶|人)").jokeable(),
            SignPhrase.of("자살|죽고\\s?싶(?!지\\s?않)|살고\\s?싶지\\s?않|살기\\s?싫|자해|손목을?\\s?긋|뛰어\\s?내리|목을?\\s?매"
                    + "|죽여\\s?버리|죽이고\\s?싶|(?:아기|애기|아이)[^.?!]{0,20}던져\\s?버리고\\s?싶"
                    + "|사라지고\\s?싶|유서|약을?\\s?(?:다|전부|한꺼번에|몽땅|잔뜩|한\\s?통)\\s?"
                    + "(?:먹|삼키|털어)"),
            SignPhrase.of("انتحار|انتحر|(?:اقتل|قتل|اموت) نفسي|بدي (?:ا)?موت|(?:عايز|عاوز|ابغى|ابي) (?:ا)?موت"
                    + "|اريد (?:ان )?اموت|(?:انهي|انهاء) حياتي|رسال\\p{L} وداع|(?:ورقة|رسالة) وداع|وز\\p{M}?ع\\p{M}?(?:ت)? اغراض(?:ي|ه)|(?:اذي|اوذي|ايذاء|جرح) نفسي|(?:ما بدي|مش عايز|مش عاوز"
                    + "|لا اريد (?:ان )?)(?:ا)?عيش|تعبت من الحياة|(?:راح|رح|رايح|سوف|ح) ?اقتل\\p{L}*"),
            SignPhrase.of("самоубийств|суицид|поконч(?:ить|у|ила?|ил) с собой|(?:убить|убью|убила?) себя"
                    + "|не хочу (?:больше )?жить|(?:хочу|хочется) умереть|(?:порезать|режу|резать|порезала?) (?:себе|себя)"
                    + "|наглот(?:аться|алась|ался)|причинить вред (?:себе|ребенку|ребёнку)|повеситься|повешусь|выпрыгнуть|прыгнуть с (?:крыши|моста)"
                    + "|нет смысла жить|устала? жить|прощальн\\p{L}* (?:письм|записк)"),
            SignPhrase.of("\\b(?:magpakamatay|nagpapakamatay|maglaslas|naglaslas|naglalaslas)\\b"
                    + "|\\b(?:gusto|gusto ko|gusto kong|gusto ko nang|gusto ko na) (?:nang |na )?mamatay\\b"
                    + "|\\b(?:ayoko|ayaw ko) (?:nang|na) mabuhay\\b|\\b(?:saktan|sinasaktan|sasaktan) (?:ko )?(?:ang )?"
                    + "(?:aking )?sarili\\b|\\bwakasan (?:ko )?(?:na )?(?:ang )?(?:aking )?buhay\\b"
                    + "|\\b(?:papatayin ko|patayin ko) (?:siya|sila|ang)\\b|\\b(?:tumalon|tatalon|tumalon na lang) (?:sa|mula sa) (?:tulay|gusali|building|bintana)\\b|\\bininom ko (?:na )?(?:lahat|lahat ng)\\b"),
            SignPhrase.of("\\bswisid\\w*|\\btouye tet (?:mwen|li|m)\\b|\\bm(?:wen)? (?:vle|ta vle|anvi) mouri\\b"
                    + "|\\bpa vle viv anko\\b|\\bfe tet (?:mwen|m) mal\\b|\\bfini ak lavi\\b"
                    + "|\\bbwe tout (?:grenn|renmed|medikaman)\\b"
                    + "|\\bm(?:wen)? (?:pap|p ap|pa p) la anko\\b|\\bekri (?:yon )?let pou (?:pitit|fanmi|timoun)"),
            SignPhrase.of("\\b(?:me|se) matar\\b|\\bquero morrer\\b|\\b(?:quero|queria|vontade de) sumir (?:para|pra) sempre\\b"
                    + "|\\b(?:nao quero|nao tenho vontade de) (?:mais )?viver\\b|\\bacabar com (?:a )?minha vida\\b"
                    + "|\\btirar (?:a )?minha (?:propria )?vida\\b|\\bme (?:cortar|machucar)\\b"
                    + "|\\btomei (?:todos|todas|a cartela|o frasco|a caixa)\\b|\\bvontade de morrer\\b"
                    + "|\\b(?:to|estou|tenho) (?:juntando|acumulando) (?:os )?(?:remedios?|comprimidos)\\b"
                    + "|\\b(?:dei|distribui) (?:todas )?as minhas coisas\\b|\\bcarta de despedida\\b"),
            SignPhrase.of("\\bme (?:tuer|suicider|faire du mal|scarifier)\\b|\\ben finir\\b|\\benvie de mourir\\b"
                    + "|\\b(?:veux|voudrais) mourir\\b|\\bplus envie de vivre\\b|\\bme jeter (?:du|sous|d'un|par)\\b"
                    + "|\\bavale (?:tous|toutes|toute|la boite|le flacon)\\b|\\bmettre fin a (?:mes|ma) (?:jours|vie)\\b"),
            SignPhrase.of("\\b(?:le|la) tuer\\b").jokeable(),
            SignPhrase.of("\\b(?:muon|chi muon|that su muon) chet\\b")
                    .unless("\\b(?:met|cuoi|doi|so|nong|lanh|chan|ban|dau|buon cuoi|ngai) (?:\\w+ )?muon chet\\b")
                    .jokeable(),
            SignPhrase.of("\\b(?:muon|dinh|nghi den|nghi toi|tinh) tu tu\\b|\\btu sat\\b|\\bkhong muon song\\b|\\bket thuc (?:cuoc doi|cuoc song|moi thu|tat ca)\\b"
                    + "|\\b(?:uong|nuot) (?:het|ca|nhieu|mot nam) (?:vi |lo |hop )?thuoc\\b|\\b(?:cat|rach) (?:tay|co tay)\\b"
                    + "|\\btu lam hai (?:ban than|minh)\\b")).map(SignPhrase::historyWhenWell).toList();

    private CrisisSigns() {
    }
}
