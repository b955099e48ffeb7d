/**
 * Word lists the attribution rules read. They name grammar (speech verbs, pronouns, role nouns),
 * never the people or places of any one article. English and French.
 */

const words = (s: string): Set<string> => new Set(s.trim().split(/\s+/));

/** Finite speech and statement verbs (English), after which or before which a speaker stands. */
export const SPEECH_VERBS_EN = words(`
  said says say told tells added adds warned warns accused accuses urged urges called calls
  described describes reiterated reiterates confirmed confirms announced announces argued argues
  insisted insists stressed stresses noted notes asked asks wrote writes declared declares stated states
  explained explains claimed claims acknowledged acknowledges admitted admits replied replies
  responded responds countered counters vowed vows pledged pledges promised promises cautioned cautions
  conceded concedes suggested suggests predicted predicts remarked remarks observed complained complains
  demanded demands denied denies continued concluded repeated repeats dismissed dismisses branded brands
  labelled labeled termed hailed hails praised praises criticised criticized condemned condemns
  voted adopted approved judged judges estimated estimates thinks believes believed recalled recalls
  emphasised emphasized underlined maintained maintains contended contends blamed blames welcomed welcomes`);

/** Participles that take the subject of the main clause ("…, adding that …"). */
export const SPEECH_PARTICIPLES_EN = words(`
  adding saying warning arguing noting insisting calling describing accusing urging stressing telling
  declaring claiming explaining suggesting promising vowing stating`);

/** French speech verbs: past participles (after a / ont / a-t-il) and present forms. */
export const SPEECH_PARTICIPLES_FR = words(`
  déclaré dit ajouté répondu estimé confié rappelé indiqué appelé reconnu affirmé souligné expliqué
  assuré averti prévenu martelé insisté précisé jugé dénoncé qualifié promis annoncé déploré lancé
  réagi répété admis plaidé demandé exhorté accusé menacé regretté salué assuré fait valoir observé
  noté confirmé démenti nié réclamé prévenu lâché glissé tranché résumé commenté`);

export const SPEECH_PRESENT_FR = words(`
  déclare dit ajoute répond estime confie rappelle indique appelle reconnaît affirme souligne explique
  assure avertit prévient martèle insiste précise juge dénonce qualifie promet annonce déplore lance
  réagit répète admet plaide demande exhorte accuse regrette salue observe note confirme dément nie
  réclame tranche résume commente`);

export const PRONOUNS: Record<string, { gender?: 'm' | 'f'; person: boolean; org: boolean; plural?: boolean }> = {
  he: { gender: 'm', person: true, org: false },
  she: { gender: 'f', person: true, org: false },
  it: { person: false, org: true },
  they: { person: false, org: true, plural: true },
  il: { gender: 'm', person: true, org: true },
  elle: { gender: 'f', person: true, org: true },
  ils: { gender: 'm', person: false, org: true, plural: true },
  elles: { gender: 'f', person: false, org: true, plural: true },
};

/** Words that make a capitalised run an organisation, bloc or institution. */
export const ORG_NOUNS = words(`
  Commission Union Alliance Group League Council Mission Office Bank Movement Federation Association
  Institute Agency Court Party Organization Organisation Fund Ministry Parliament Committee Forum Coalition
  Company Corporation Corp Inc Ltd Energy Authority Board Secretariat Assembly Congress Senate Cabinet
  Government Community Conference Treaty Accord Agreement Front Army Navy Police Service Services Bureau
  Department Tribunal Programme Program Partnership Initiative Network Consortium Society Foundation
  Cour Conseil Banque Parti Comité Agence Assemblée Gouvernement Ministère Organisation Fonds Mouvement
  Airlines Holdings Industries Systems Motors Petroleum Gas Oil Mining Telecom Compact Pact Pharma
  Pharmaceuticals Nations`);

/** Nouns a role ends with; a descriptor such as "the NATO chief" is a determiner plus one of these. */
export const ROLE_HEADS = words(`
  minister president chief envoy ambassador secretary secretary-general chancellor chairman chairwoman
  chair chairperson head negotiator spokesman spokeswoman spokesperson commissioner director
  director-general governor premier mayor leader king queen prince emir sultan general admiral
  commander judge justice prosecutor senator representative deputy delegate mediator coordinator
  adviser advisor official officer administrator rapporteur ombudsman vice-president vice-chair
  challenger candidate rival opponent diplomat counterpart homologue
  ministre président présidente cheffe chef envoyé envoyée ambassadeur ambassadrice secrétaire
  porte-parole directeur directrice négociateur négociatrice commissaire gouverneur maire dirigeant
  dirigeante premier première sénateur sénatrice juge procureur procureure médiateur médiatrice`);

/** Capitalised words of a title written before a name: "Deputy Foreign Minister Viktor …". */
export const TITLE_WORDS = words(`
  Minister Ministre President Président Présidente Secretary Secretary-General Secretary-general State
  Foreign Defense Defence Interior Finance Energy Affairs Fisheries Agriculture Justice Trade Health
  Economy Economic Environment Transport Education Labour Labor Culture Home Prime Première Premier
  Vice Deputy General Chancellor Ambassador Envoy Special Chief Senior Commissioner Director
  Director-General Chairman Chairwoman Chair Spokesman Spokeswoman Governor Senator Mayor King Queen
  Prince Princess Emir Sultan Admiral Commander Judge Justice Prosecutor Sheikh Pope Cardinal Bishop
  Mr Mrs Ms Dr Sir Dame Lord Lady M Mme Mlle Pr Professor Prof Gen Lt Col Maj Capt Rep Sen Gov
  Ambassador Ambassadrice Ambassadeur High Representative Attorney Solicitor Auditor Controller
  Treasurer Speaker Leader Opposition Acting Interim Former Foreign Trade Development Security Defence
  National Homeland Public Works Water Resources Planning Information Communications`);

/** Particles inside surnames: "Ursula von der Leyen", "Charles de Gaulle". */
export const NAME_PARTICLES = words('von van der den de du da di del della la le al el bin ibn ben ter ten dos das');

/** Nouns for unnamed sources. */
export const ANONYMOUS_NOUNS = words(`
  official officials diplomat diplomats source sources observer observers delegate delegates member
  members aide aides negotiator negotiators insider insiders person people adviser advisers advisor
  advisors responsable responsables diplomate diplomates membre membres conseiller conseillers
  négociateur négociateurs proche proches témoin witness witnesses analyst employee employees staffer
  staffers officer officers minister ministers lawmaker lawmakers legislator legislators`);

/** Phrases that mark a source as unnamed on purpose. */
export const ANONYMITY_MARKERS =
  /\b(?:asked not to be (?:named|identified)|(?:was|were) not authori[sz]ed|spoke on (?:the )?condition of anonymity|declined to be (?:named|identified)|familiar with|close to the|speaking on condition|sous (?:le )?couvert d[e’'] ?l?[’']?anonymat|proches? (?:des|du|de la)|requested anonymity|requesting anonymity|not authori[sz]ed)\b/i;

export const DETERMINERS = words("the a an la le les l l' un une des this that these those its his her their son sa ses leur");

/** Month and weekday names in calendar order (weekdays from Sunday, as Date.getDay counts them). */
export const MONTHS_EN = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
export const MONTHS_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
export const WEEKDAYS_EN = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
export const WEEKDAYS_FR = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];

/** Weekdays and months, to strip "on Tuesday" from a subject and to date quotes. */
export const WEEKDAYS = new Set([...WEEKDAYS_EN, ...WEEKDAYS_FR]);
export const MONTHS = new Set([...MONTHS_EN, ...MONTHS_FR]);

/** Words for "head of government" and "head of state" that appear in roles as something else. */
export const ROLE_SYNONYMS: Array<[RegExp, RegExp]> = [
  [/\b(?:chef|cheffe|head) (?:du|of) (?:gouvernement|government)\b/i, /\bprem(?:ier|iere|ière)\b|\bprime\b|\bchancellor\b/i],
  [/\b(?:chef|cheffe|head) (?:de l[’']État|of state)\b/i, /\bpr[ée]sident/i],
  [/\bchief\b|\bchef\b|\bcheffe\b|\bhead\b/i, /\b(?:chief|head|secretary-general|director|director-general|chair|chairman|chairwoman|président|présidente|chef|cheffe|directeur|directrice|leader)\b/i],
];
