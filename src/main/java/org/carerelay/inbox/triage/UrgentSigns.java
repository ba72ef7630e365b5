package org.carerelay.inbox.triage;

import java.util.List;

/**
 * How patients write the signs that need a clinician now, in English and Spanish, over {@link FoldedText folded}
 * text: chest pain, trouble breathing, severe bleeding, stroke, anaphylaxis, fainting, seizures, poisoning. A sign
 * that is over ("the chest pain went away"), in the past ("years ago") or asked about ("warning signs of a stroke")
 * is cancelled. Numbers (a glucose of 45, a pressure of 210/120, a fever in a newborn) are {@link VitalSigns}.
 */
final class UrgentSigns {

    private static final String CANT_WORDS = "can'?t|cannot|can not|couldn'?t|unable to";
    private static final String CANT = "(?:" + CANT_WORDS + ")";
    private static final String HIS = "(?:my|his|her|their|the)";
    /** Over, long ago, or asked about rather than felt. */
    private static final String NOT_NOW = "\\b(?:(?:is|are|was|has|have) (?:gone|better|resolved|fine now)"
            + "|went away|gone now|resolved|last (?:month|year)|years? ago|months ago|history of|used to"
            + "|warning signs|what are the (?:signs|symptoms)|signs of (?:a )?stroke|in case|se me quito|ya se quito"
            + "|hace (?:anos|meses)|el ano pasado)\\b";
    private static final String ABOUT_PAPERWORK = "\\b(?:bill|statement|charge|insurance|form|portal|instructions"
            + "|appointment|schedule|dosing|results?|label|directions|factura|cuenta|cobro|cita|receta)\\b";

    static final List<SignPhrase> PHRASES = List.of(
            // heart
            SignPhrase.of("\\bchest (?:pain|pains|pressure|tightness|discomfort|heaviness|hurts?|is hurting"
                    + "|is (?:so )?(?:tight|heavy)|feels (?:so )?(?:tight|heavy))\\b").unless(NOT_NOW),
            SignPhrase.of("\\b(?:pain|pressure|tightness|heaviness|squeezing|crushing) (?:in|on) " + HIS
                    + " chest\\b").unless(NOT_NOW),
            SignPhrase.of("\\bcrushing (?:chest|pain|pressure)\\b"),
            SignPhrase.of("\\bheart attack\\b").unless(NOT_NOW
                    + "|\\b(?:gave|give|giving|almost had|nearly had|about to have) (?:me )?a heart attack\\b")
                    .jokeable(),
            SignPhrase.of("\\bheart (?:rate )?(?:is )?(?:racing|pounding|beating)\\b[^.!?]{0,40}\\b(?:faint\\w*"
                    + "|pass out|chest|breath\\w*|dizzy|1[5-9]\\d|2\\d\\d)\\b"),
            // breathing
            SignPhrase.of("\\b(?:trouble|difficulty|difficult|hard|hard time|struggling|struggle|problems?|"
                    + CANT_WORDS + "|barely|cant) (?:to )?(?:breath|breathe|breathing"
                    + "|catch (?:my|his|her|their) breath)\\b").unless(NOT_NOW).jokeable(),
            SignPhrase.of("\\bshort(?:ness)? of breath\\b").unless(NOT_NOW),
            SignPhrase.of("\\bgasping\\b"),
            SignPhrase.of("\\bcan barely (?:talk|speak|breathe)\\b"),
            SignPhrase.of("\\b(?:lips|face|skin|fingers) (?:are |is |look |looks |turning |turned )?(?:a bit |kind"
                    + " of |)?(?:blue|purple|gray|grey)\\b"),
            SignPhrase.of("\\bblue lips\\b"),
            SignPhrase.of("\\bbreathing (?:really |very |so )?(?:fast|funny|hard|weird|strange)\\b"),
            SignPhrase.of("\\basthma attack\\b"),
            SignPhrase.of("\\binhaler (?:is )?(?:not|isn'?t|isnt) (?:helping|working)\\b"),
            SignPhrase.of("\\binhaler is (?:empty|out)\\b"),
            // bleeding
            SignPhrase.of("\\bbleed(?:ing|s)? (?:so |very |really )?(?:heavily|a lot|badly|profusely|nonstop"
                    + "|non-stop|everywhere|through|like crazy)\\b"),
            SignPhrase.of("\\b(?:heavy|severe|a lot of|lots of|uncontrolled|serious|major) bleeding\\b")
                    .unless(NOT_NOW),
            SignPhrase.of("\\b(?:won'?t|wont|will not|doesn'?t|does not|can'?t|cannot|cant|not) stop(?:ping)? "
                    + "(?:the )?bleeding\\b"),
            SignPhrase.of("\\bbleeding (?:that )?(?:won'?t|wont|will not|doesn'?t|does not|didn'?t|hasn'?t) stop"),
            SignPhrase.of("\\bblood everywhere\\b"),
            SignPhrase.of("\\b(?:vomiting|throwing up|threw up|coughing up|coughing|puking|spitting up) (?:up )?"
                    + "(?:\\w+ )?blood\\b"),
            SignPhrase.of("\\bsoak(?:ing|ed|s)? (?:through )?(?:a |one |my )?(?:pad|pads|tampon)\\b"),
            SignPhrase.of("\\bpregnan\\w*\\b[^.!?]{0,60}\\bbleed\\w*|\\bbleed\\w*[^.!?]{0,60}\\bpregnan\\w*"),
            SignPhrase.of("\\bmiscarr\\w*\\b").unless(NOT_NOW),
            // stroke
            SignPhrase.of("\\bstroke\\b").unless(NOT_NOW + "|\\b(?:heat|sun) stroke\\b|\\bstroke of\\b"),
            SignPhrase.of("\\b(?:face|mouth|smile|lip|eye) (?:is |looks |seems |was |started |is starting to )?"
                    + "(?:droop\\w*|crooked|lopsided|uneven|sagging)\\b"),
            SignPhrase.of("\\bdroop(?:ing|y)\\b"),
            SignPhrase.of("\\bslurr\\w*\\b"),
            SignPhrase.of("\\b" + CANT + " (?:move|lift|raise|feel) (?:my|his|her|their) (?:\\w+ )?(?:arm|leg|hand"
                    + "|face|side)\\b"),
            SignPhrase.of("\\bnumb(?:ness)? (?:on|in|down) (?:one|the (?:left|right)|(?:my|his|her) (?:left|right))"
                    + " (?:side|arm|leg)\\b"),
            SignPhrase.of("\\bone side of (?:my|his|her|their|the) (?:body|face)\\b"),
            SignPhrase.of("\\bsudden(?:ly)? (?:weakness|numbness|confusion|vision loss|blindness|can'?t (?:see|speak"
                    + "|talk))\\b"),
            SignPhrase.of("\\b" + CANT + " (?:speak|talk) (?:right|properly|clearly)\\b"),
            // headache
            SignPhrase.of("\\bworst headache\\b"),
            SignPhrase.of("\\bheadache,? (?:the )?worst (?:of my life|ever)\\b"),
            SignPhrase.of("\\b(?:sudden|thunderclap|explosive) (?:severe |bad |terrible )?headache\\b"),
            SignPhrase.of("\\bstiff neck\\b[^.!?]{0,40}\\bfever\\b|\\bfever\\b[^.!?]{0,40}\\bstiff neck\\b"),
            // allergy
            SignPhrase.of("\\banaphyla\\w+\\b"),
            SignPhrase.of("\\ballergic reaction\\b").unless(NOT_NOW + "|\\b(?:mild|had an?|in the past)\\b"),
            SignPhrase.of("\\b(?:throat|tongue|lips?|face|mouth) (?:\\w+'?\\w* ){0,4}?(?:swell\\w*|swollen|closing"
                    + "|tight(?:ening)?|puffy)\\b").unless(NOT_NOW),
            SignPhrase.of("\\b(?:swell\\w*|swollen|puffy) (?:up )?(?:of |in )?(?:my |his |her )?(?:throat|tongue"
                    + "|lips?|face|mouth)\\b").unless(NOT_NOW),
            SignPhrase.of("\\bepi ?pen\\b").unless("\\b(?:refill\\w*|prescription|renew\\w*|expired|script"
                    + "|pharmacy|rx|school|form)\\b"),
            SignPhrase.of("\\b(?:hard|difficult|trouble|" + CANT_WORDS + ") (?:to )?"
                    + "swallow(?:ing)?\\b").unlessInMessage("\\b(?:pills?|tablets?|capsules?|pastillas?)\\b"),
            // consciousness, seizures
            SignPhrase.of("\\b(?:passed|passing|pass) out\\b").unless(NOT_NOW),
            SignPhrase.of("\\bfaint(?:ed|ing|s)?\\b").unless(NOT_NOW + "|\\bfaint (?:line|positive|smell)\\b"),
            SignPhrase.of("\\b(?:unconscious|unresponsive|not responding|collapsed|blacked out)\\b"),
            SignPhrase.of("\\b(?:won'?t|wont|will not|can'?t|cannot) wake (?:up|him|her|them)\\b"),
            SignPhrase.of("\\bseiz(?:ure|ures|ing)\\b").unless("\\bseizure (?:med\\w*|pills?|drugs?|prescription"
                    + "|refill|meds)\\b|\\b(?:refill|prescription|rx)\\b"),
            SignPhrase.of("\\bconvuls\\w*\\b"),
            SignPhrase.of("\\bconfus(?:ed|ion)\\b").unless("\\bconfus(?:ed|ion) (?:about|by|with|why|what|how|on"
                    + "|as|because|if|regarding|re|over|which|when|where)\\b|" + ABOUT_PAPERWORK),
            SignPhrase.of("\\bdisoriented\\b|\\bdoesn'?t know where (?:he|she|they) (?:is|are)\\b"),
            // pain, injuries, poisoning
            SignPhrase.of("\\bsevere (?:\\w+ ){0,2}?(?:pain|bleeding|headache|reaction|abdominal|stomach|belly|chest"
                    + "|shortness|vomiting|diarrhea|dehydration|burns?|allerg\\w*|swelling)\\b").unless(NOT_NOW),
            SignPhrase.of("\\b(?:worst|unbearable|excruciating|agonizing) (?:\\w+ )?pain\\b"),
            SignPhrase.of("\\b" + CANT + " (?:walk|stand|get up|move)\\b[^.!?]{0,40}\\bpain\\b"
                    + "|\\bpain\\b[^.!?]{0,40}\\b" + CANT + " (?:walk|stand|get up|move)\\b"),
            SignPhrase.of("\\bfell\\b[^.!?]{0,40}\\b" + CANT + " (?:move|get up|walk|stand)\\b"),
            SignPhrase.of("\\b" + CANT + " keep (?:anything|any food|any fluids|fluids|liquids|water|food) down\\b"),
            SignPhrase.of("\\b(?:swallowed|ate|drank|got into|ingested|chewed)\\b[^.!?]{0,40}\\b(?:button batter\\w*"
                    + "|batter(?:y|ies)|magnets?|bleach|poison\\w*|detergent|laundry pods?|tide pods?|cleaning|cleaner"
                    + "|antifreeze|chemicals?|(?:my|your|her|his|some|the) pills|gasoline|lighter fluid)\\b")
                    .unless("\\b(?:dog|cat|puppy|kitten)\\b"),
            SignPhrase.of("\\bpoison control\\b"),
            SignPhrase.of("\\b(?:took|taken|gave|given|injected)\\b[^.!?]{0,30}\\b(?:double|twice|too much)\\b"),
            SignPhrase.of("\\b(?:car|motorcycle|bike) (?:accident|crash)\\b|\\bhit by a (?:car|truck|bus)\\b"),
            SignPhrase.of("\\bhead injury\\b"),
            SignPhrase.of("\\b(?:hit|bumped|banged|struck) (?:my|his|her|their) head\\b[^.!?]{0,80}\\b(?:confus\\w*"
                    + "|vomit\\w*|throw\\w* up|passed out|sleepy|drowsy|unconscious|dizzy|bleeding)\\b"),
            SignPhrase.of("\\b(?:burn(?:ed|t)?|scald\\w*)\\b[^.!?]{0,40}\\b(?:blisters?|boiling|chemical|large|big"
                    + "|third degree|second degree)\\b"),
            // pregnancy
            SignPhrase.of("\\b(?:baby|bebe) (?:isn'?t|is not|not|hasn'?t|has not|stopped|no se|no lo siento) (?:been )?"
                    + "(?:moving|kicking|mueve|moverse)\\b"),
            SignPhrase.of("\\b(?:not moving as much|moving less|decreased (?:fetal )?movement)\\b"),
            SignPhrase.of("\\bwater (?:broke|just broke|has broken)\\b|\\brompio (?:la )?fuente\\b"),
            SignPhrase.of("\\bemergenc(?:y|ia)\\b").unless("\\b(?:emergency contact|contacto de emergencia"
                    + "|family emergency|emergencia familiar|in case of (?:an )?emergency|after hours)\\b"),
            SignPhrase.of("\\b911\\b"),
            // Spanish
            SignPhrase.of("\\bdolor (?:muy )?(?:fuerte |intenso )?(?:de|en el|en mi) pecho\\b").unless(NOT_NOW),
            SignPhrase.of("\\b(?:presion|opresion|apreton|peso|punzada) (?:fuerte )?(?:en|de) (?:el |mi )?pecho\\b")
                    .unless(NOT_NOW),
            SignPhrase.of("\\bme duele (?:mucho )?(?:el|mi) pecho\\b").unless(NOT_NOW),
            SignPhrase.of("\\bpecho apretado\\b"),
            SignPhrase.of("\\binfarto\\b|\\bataque (?:al|de) corazon\\b").unless(NOT_NOW),
            SignPhrase.of("\\b(?:no puedo|no puede|no podemos|dificultad para|me cuesta|le cuesta|problemas? para"
                    + "|trabajo para) (?:\\w+ )?respirar\\b").unless(NOT_NOW),
            SignPhrase.of("\\b(?:me|le|nos) falta (?:el )?aire\\b|\\bfalta de aire\\b"),
            SignPhrase.of("\\bme ahogo\\b|\\bse ahoga\\b|\\bahogando(?:me|se)?\\b"),
            SignPhrase.of("\\b(?:labios|boca|cara) (?:morad[oa]s?|azul(?:es)?)\\b"),
            SignPhrase.of("\\bsangr(?:ando|a|ado|e)\\b (?:\\w+ )?(?:mucho|demasiado|abundante|fuerte|sin parar"
                    + "|bastante)\\b"),
            SignPhrase.of("\\bno (?:para|deja|paro|dejo|se detiene) (?:de sangrar|el sangrado)\\b"),
            SignPhrase.of("\\b(?:vomit\\w*|tos\\w*|escup\\w*) sangre\\b"),
            SignPhrase.of("\\bembarazada\\b[^.!?]{0,60}\\bsangr\\w*|\\bsangr\\w*[^.!?]{0,60}\\bembarazada\\b"),
            SignPhrase.of("\\b(?:cara|boca) (?:torcida|caida|chueca|desviada)\\b"),
            SignPhrase.of("\\bse (?:me|le) (?:torcio|cayo|desvio) (?:la )?(?:cara|boca)\\b"),
            SignPhrase.of("\\bno (?:puede|puedo) (?:mover|levantar|sentir) (?:el|la|su|mi|los) (?:brazo|pierna|mano"
                    + "|lado|cara)\\b"),
            SignPhrase.of("\\bhabla (?:muy )?(?:raro|arrastrada|enredado|enredada|extrano)\\b"),
            SignPhrase.of("\\barrastra (?:las )?palabras\\b"),
            SignPhrase.of("\\bno (?:puede|puedo) hablar bien\\b"),
            SignPhrase.of("\\bse (?:me|le) (?:durmio|adormecio|entumio) (?:un lado|la mitad|media cara|la cara"
                    + "|el brazo)\\b"),
            SignPhrase.of("\\bun lado (?:de la cara|del cuerpo)\\b"),
            SignPhrase.of("\\bderrame\\b|\\bembolia\\b").unless(NOT_NOW),
            SignPhrase.of("\\breaccion alergica\\b").unless(NOT_NOW + "|\\b(?:leve|tuve una)\\b"),
            SignPhrase.of("\\bse (?:me|le) (?:esta |estan )?(?:hinchando|hincho|hincharon|inflamo|inflamaron|cierra"
                    + "|cerrando) (?:la |los |el |las )?(?:cara|labios?|lengua|garganta|boca)\\b"),
            SignPhrase.of("\\b(?:garganta|lengua|labios|cara|boca) (?:hinchad[ao]s?|inflamad[ao]s?|cerrada)\\b"),
            SignPhrase.of("\\bse me cierra la garganta\\b"),
            SignPhrase.of("\\bdesmay\\w*\\b").unless(NOT_NOW),
            SignPhrase.of("\\bperdi(?:o)? (?:el )?conocimiento\\b|\\binconsciente\\b"),
            SignPhrase.of("\\bno (?:responde|reacciona|despierta)\\b").unless("\\b(?:portal|pagina|telefono"
                    + "|sistema|enlace|link|oficina|correo)\\b"),
            SignPhrase.of("\\bataque epileptico\\b"),
            SignPhrase.of("\\bpeor dolor de cabeza\\b"),
            SignPhrase.of("\\bdolor de cabeza (?:muy )?(?:fuerte|repentino|de repente|insoportable)\\b"),
            SignPhrase.of("\\bdolor (?:muy )?(?:fuerte|intenso|insoportable)\\b[^.!?]{0,50}\\b(?:panza|estomago"
                    + "|abdomen|vientre|barriga|pecho)\\b"),
            SignPhrase.of("\\bse (?:trago|comio|tomo) (?:una |un |el |la )?(?:pila|bateria|iman|cloro|veneno"
                    + "|detergente)\\b"),
            SignPhrase.of("\\baccidente (?:de carro|de coche|de auto|automovilistico)\\b|\\btuve un choque\\b"),
            SignPhrase.of("\\bconfundid[oa]\\b").unless(ABOUT_PAPERWORK),
            SignPhrase.of("\\b(?:quemadura (?:grave|fuerte|grande)|me queme con (?:agua hirviendo|aceite))\\b"));

    private UrgentSigns() {
    }
}
