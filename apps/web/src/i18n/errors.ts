import type { ErrorDto } from '../api/generated/types.gen';
import { frenchAmount, frenchLongDate, frenchNumber } from '../format';
import { frenchTypography, NBSP } from './typography';

/** Every code the API may answer, from the generated client (the gateway's OpenAPI document). */
export type ErrorCode = ErrorDto['code'];

/**
 * The French sentence a person reads for each error code of the API (whose own messages are
 * English): what happened and what to do, short and plain — members are from 16 years old, some
 * with little schooling. Typed by the generated client's codes, so a code the API adds does not
 * compile until it has its sentence here (`npm run generate:client` brings it).
 *
 * `{name}` is filled from the error's `details` (`{a.b}` reads a nested one): a date becomes
 * "4 décembre 2026", an amount (`outstanding`) "1 234,50 €", hours "7,5", `…Seconds` a duration,
 * `…Bytes` a size. A part between brackets `[…]` is kept only when every placeholder in it is
 * filled, so each sentence also reads well without details (errors.spec.ts checks both).
 * VALIDATION_FAILED is the fallback only: its per-field problems are translated by
 * `frenchValidation` below. French typography (no-break space before : ; ? !) as everywhere.
 */
export const errorsFr: Record<ErrorCode, string> = {
  // 400
  VALIDATION_FAILED: 'Une des informations n’est pas acceptée. Vérifiez ce que vous avez écrit, puis réessayez.',
  MALFORMED_REQUEST: 'La demande n’a pas pu être lue. Rechargez la page, puis réessayez.',
  INVALID_CURSOR: 'La liste a changé entre-temps. Revenez à sa première page.',
  // 401
  UNAUTHENTICATED: 'Votre session est terminée. Reconnectez-vous, puis réessayez.',
  INVALID_CREDENTIALS: 'L’adresse e-mail ou le mot de passe ne correspond pas. Vérifiez-les, puis réessayez.',
  INVALID_REFRESH_TOKEN: 'Votre session est terminée. Reconnectez-vous.',
  // 403
  FORBIDDEN: 'Votre compte ne permet pas de faire cela ici. Si vous en avez besoin, demandez à la coordination de votre KPA.',
  NETWORK_SITE_NOT_YOURS: 'Seule la coordination du site concerné peut faire cela. Demandez-lui de le faire.',
  // 404
  NOT_FOUND: 'Nous ne trouvons pas ce que vous cherchez. Il a peut-être été supprimé, ou il n’est pas ouvert à votre compte.',
  ROUTE_NOT_FOUND: 'Cette adresse n’existe pas. Revenez à l’accueil.',
  HOST_STRUCTURE_NOT_FOUND: 'Cette structure hébergeuse est introuvable. Choisissez-en une dans la liste, ou créez-la d’abord.',
  SITE_NOT_FOUND: 'Ce site est introuvable, ou il n’est pas ouvert à votre compte. Choisissez un de vos sites.',
  USER_NOT_FOUND: 'Ce compte est introuvable sur ce site. Il a peut-être déjà été retiré.',
  MEMBER_NOT_FOUND: 'Ce membre est introuvable sur ce site, ou votre compte n’est relié à aucune fiche de membre. Demandez à la coordination de votre KPA.',
  CAPE_CONTRACT_NOT_FOUND: 'Ce contrat CAPE est introuvable sur ce site.',
  INTERVIEW_NOT_FOUND: 'Cet entretien est introuvable, ou il n’est pas ouvert à votre compte.',
  CLIENT_NOT_FOUND: 'Ce client est introuvable sur ce site. Choisissez un client dans la liste.',
  CATALOGUE_ITEM_NOT_FOUND: 'Cette prestation du catalogue est introuvable. Choisissez-en une autre dans la liste.',
  QUOTE_NOT_FOUND: 'Ce devis est introuvable sur ce site.',
  EXPENSE_NOT_FOUND: 'Cette note de frais est introuvable sur ce site.',
  RECEIPT_NOT_FOUND: 'Le justificatif est introuvable. Envoyez le fichier à nouveau.',
  LOGO_NOT_FOUND: 'Cette structure n’a pas de logo. Envoyez une image PNG ou JPEG.',
  INVOICE_NOT_FOUND: 'Cette facture est introuvable sur ce site.',
  TRANSMISSION_NOT_FOUND:
    'Cette facture n’est pas transmise à une plateforme agréée : seules les factures aux entreprises, aux organismes publics et aux associations assujetties, émises depuis le raccordement d’une plateforme, le sont (les ventes aux particuliers relèvent de l’e-reporting).',
  DOCUMENT_NOT_ISSUED: 'Ce fichier n’existe que pour une facture émise : émettez la facture d’abord.',
  CREDIT_NOTE_NOT_FOUND: 'Cet avoir est introuvable sur ce site.',
  MISSION_NOT_FOUND: 'Cette mission est introuvable sur ce site.',
  CONTRIBUTION_NOT_FOUND: 'Ces heures sont introuvables sur ce site. Elles ont peut-être été supprimées.',
  PERIOD_NOT_FOUND: 'Cette période de rémunération est introuvable sur ce site.',
  OBJECTION_NOT_FOUND: 'Cette contestation est introuvable pour cette période.',
  HELP_REQUEST_NOT_FOUND: 'Cette demande d’aide est introuvable, ou elle n’est pas ouverte à votre site.',
  HELP_OFFER_NOT_FOUND: 'Cette proposition d’aide est introuvable sur cette demande.',
  HELP_CONTRIBUTION_NOT_FOUND: 'Aucune heure n’est enregistrée pour ce site sur cette demande d’aide.',
  RECIPROCITY_MOVEMENT_NOT_FOUND: 'Ce mouvement est introuvable dans le registre de réciprocité.',
  RECIPROCITY_TEMPLATE_NOT_FOUND: 'Ce modèle d’échange est introuvable. Choisissez-en un autre.',
  RECIPROCITY_ENTRY_NOT_FOUND: 'Cet échange est introuvable pour vos sites.',
  NETWORK_SITE_NOT_FOUND:
    'Ce site n’est pas dans l’annuaire du réseau, ou il n’a pas publié sa fiche. Un site tout juste créé met un moment à arriver : réessayez dans un instant.',
  POOL_PERSON_NOT_FOUND: 'Cette personne est introuvable dans le pool de compétences du site.',
  EQUIPMENT_NOT_FOUND: 'Ce matériel est introuvable.',
  RESERVATION_NOT_FOUND: 'Cette réservation est introuvable.',
  LAUNCH_NOT_FOUND: 'Ce site n’a pas de parcours de lancement : seul un nouveau KPA, en réflexion, en a un.',
  ACCOMPANIMENT_NOT_FOUND: 'Cette séance d’accompagnement est introuvable.',
  DUNNING_INVOICE_NOT_FOUND: 'Aucune facture émise de ce site ne correspond. Une facture tout juste émise met un moment à arriver : réessayez dans un instant.',
  DUNNING_DRAFT_NOT_FOUND: 'Aucune mise en demeure n’est préparée pour cette facture.',
  REPORT_NOT_FOUND: 'Ce rapport est introuvable ici.',
  NOTIFICATION_NOT_FOUND: 'Cette notification est introuvable. Elle a peut-être été supprimée.',
  SESSION_NOT_FOUND: 'Cette session est déjà fermée.',
  // 409
  HOST_STRUCTURE_SIRET_TAKEN: 'Une structure hébergeuse existe déjà avec ce numéro SIRET. Choisissez-la plutôt que d’en créer une autre.',
  SITE_CODE_TAKEN: 'Ce code est déjà pris par un autre site. Choisissez-en un autre.',
  USER_EMAIL_TAKEN: 'Un compte existe déjà avec cette adresse e-mail. Écrivez une autre adresse.',
  IDEMPOTENCY_KEY_IN_USE: 'Votre demande est encore en cours. Attendez un instant, puis réessayez.',
  MEMBER_ALREADY_LEFT: 'Ce membre est parti[ le {leftOn}]. Enregistrez d’abord son retour.',
  MEMBER_HAS_ACCOUNT: 'Ce membre a déjà un compte sur ce site.',
  CAPE_ALREADY_TERMINATED: 'Ce contrat CAPE est déjà arrêté[ depuis le {terminatedOn}]. Il ne peut plus être renouvelé ni arrêté.',
  MEMBER_STILL_ACTIVE: 'Ce membre est toujours actif. Enregistrez d’abord son départ, puis effacez ses données.',
  MEMBER_ERASED: 'Les données de ce membre ont été effacées. Sa fiche ne peut plus changer.',
  CLIENT_SIRET_TAKEN: 'Un client existe déjà avec ce numéro SIRET sur ce site. Choisissez-le dans la liste.',
  QUOTE_NOT_EDITABLE: 'Ce devis n’est plus un brouillon, il ne peut plus être modifié. Faites un nouveau devis.',
  QUOTE_TRANSITION_REFUSED: 'Ce devis n’est pas à la bonne étape pour cela. Rechargez la page pour voir où il en est.',
  EXPENSE_NOT_EDITABLE: 'Cette note de frais a déjà été traitée. Elle ne peut plus être modifiée.',
  EXPENSE_TRANSITION_REFUSED: 'Cette note de frais n’est pas à la bonne étape pour cela. Rechargez la page pour voir où elle en est.',
  INVOICE_NOT_EDITABLE: 'La facture[ {number}] est émise : elle ne change plus. Pour la corriger, faites un avoir, puis une nouvelle facture si besoin.',
  INVOICE_ALREADY_ISSUED: 'Cette facture est déjà émise[ sous le numéro {number}]. Il n’y a rien d’autre à faire.',
  INVOICE_NOT_ISSUED: 'Cette facture est encore un brouillon. Émettez-la d’abord. Un brouillon se corrige en le modifiant.',
  INVOICE_NOT_PAID: 'La facture acquittée n’existe qu’une fois la facture entièrement payée : enregistrez d’abord les paiements qui restent dus.',
  INVOICE_QUOTE_NOT_ACCEPTED: 'Ce devis n’est pas encore accepté par le client. Enregistrez d’abord son accord, puis faites la facture.',
  DEPOSIT_ALREADY_DEDUCTED: 'Cette facture d’acompte est déjà déduite par une facture finale[ ({deductedBy})]. Choisissez un autre acompte, ou corrigez plutôt la facture finale.',
  MISSION_NOT_OPEN: 'Cette mission n’est plus ouverte aux inscriptions ni aux changements. Rechargez la page pour voir où elle en est.',
  MISSION_TRANSITION_REFUSED: 'Cette mission n’est pas à la bonne étape pour cela. Rechargez la page pour voir où elle en est.',
  MISSION_QUOTE_NOT_ACCEPTED: 'Ce devis n’est pas encore accepté par le client. Enregistrez d’abord son accord, ou créez la mission sans devis.',
  PERIOD_TRANSITION_REFUSED: 'Cette période n’est pas à la bonne étape pour cela. Rechargez la page pour voir où elle en est.',
  PERIOD_NOT_OPEN: 'Cette période est close : on ne peut plus rien y ajouter ni changer.',
  PERIOD_NOT_CLOSED: 'On conteste une période, ou on répond à une contestation, seulement quand elle est close et pas encore approuvée.',
  PERIOD_OVERLAP: 'Ces dates chevauchent une autre période[ (du {startsOn} au {endsOn})]. Choisissez des dates en dehors.',
  PERIOD_OBJECTIONS_PENDING: 'Des contestations attendent encore une réponse[ ({openObjections})]. Répondez-y, ou rouvrez la période pour la corriger, avant de l’approuver.',
  PERIOD_OUT_OF_ORDER: 'Les périodes se traitent dans l’ordre des dates. Occupez-vous d’abord de l’autre période[ (du {startsOn} au {endsOn})].',
  CONTRIBUTION_TRANSITION_REFUSED: 'Ces heures ont déjà été validées ou refusées. Rechargez la page.',
  HELP_REQUEST_NOT_OPEN: 'Cette demande d’aide n’est plus ouverte. On ne peut plus y proposer son aide.',
  HELP_OFFER_NOT_ACCEPTABLE: 'Cette proposition ne peut plus être acceptée : la demande n’est plus ouverte.',
  HELP_OFFER_NOT_DECLINABLE: 'Cette proposition ne peut plus être refusée à cette étape de la demande.',
  HELP_REQUEST_NOT_ACCEPTED: 'Acceptez d’abord une proposition d’aide, puis enregistrez ce qui a été fait.',
  HELP_REQUEST_NOT_DONE: 'L’aide n’est pas encore enregistrée comme faite. Enregistrez-la d’abord, puis confirmez.',
  HELP_REQUEST_NOT_CANCELLABLE: 'Cette demande d’aide ne peut plus être annulée : l’aide a déjà eu lieu, ou la demande est close.',
  HELP_REQUEST_NOT_EXPIRABLE: 'Cette demande d’aide ne peut pas être close comme expirée à cette étape.',
  HELP_OFFER_ALREADY_DECIDED: 'Une réponse a déjà été donnée à cette proposition.',
  HELP_OFFER_ALREADY_MADE: 'Votre site a déjà une proposition en attente sur cette demande. Attendez la réponse avant d’en faire une autre.',
  HELP_HOURS_NOT_AWAITING: 'Ce n’est pas à vous de confirmer ces heures pour le moment. L’autre site doit d’abord les confirmer ou les corriger.',
  HELP_HOURS_ALREADY_CONFIRMED: 'Ces heures sont déjà confirmées. Pour les corriger, enregistrez un mouvement inverse dans le registre de réciprocité.',
  RECIPROCITY_ALREADY_REVERSED: 'Ce mouvement a déjà été annulé.',
  RECIPROCITY_ENTRY_ALREADY_DECIDED: 'Une réponse a déjà été donnée à cet échange.',
  POOL_PERSON_IS_MEMBER: 'Un membre s’inscrit lui-même dans le pool de compétences : lui seul peut changer ou retirer sa fiche.',
  RESERVATION_OVERLAP: 'Ce matériel est déjà réservé à ce moment-là[ (du {conflictingRange.startsAt} au {conflictingRange.endsAt})]. Choisissez d’autres dates.',
  RESERVATION_TRANSITION_REFUSED: 'Cette réservation n’est pas à la bonne étape pour cela. Rechargez la page pour voir où elle en est.',
  EQUIPMENT_WITHDRAWN: 'Ce matériel n’est plus prêté par son site.',
  LAUNCH_STEP_ALREADY_COMPLETED: 'Cette étape est déjà faite[ depuis le {completedOn}]. Elle garde sa première date.',
  ACCOMPANIMENT_ALREADY_CONFIRMED: 'Cette séance est déjà confirmée : ses heures sont dans le registre.',
  REPORT_NOT_READY: 'Ce rapport n’est pas encore prêt. Réessayez dans un moment. S’il a échoué, demandez-le à nouveau.',
  // 408, 413, 414, 415, 431
  REQUEST_TIMEOUT: 'La demande a mis trop de temps à arriver. Réessayez.',
  PAYLOAD_TOO_LARGE: 'Ce que vous envoyez est trop lourd. Envoyez moins de choses à la fois, ou un fichier plus léger.',
  LOGO_TOO_LARGE: 'Ce logo est trop lourd ou trop grand (300 Ko et 2000 pixels de côté au plus). Envoyez une image plus légère, par exemple 600 × 240 pixels.',
  RECEIPT_TOO_LARGE: 'Ce justificatif est trop lourd[ ({maxBytes} au plus)]. Envoyez un scan ou une photo plus légère, en PDF, JPEG ou PNG.',
  URI_TOO_LONG: 'Cette adresse est trop longue. Revenez à l’accueil, puis réessayez.',
  UNSUPPORTED_MEDIA_TYPE: 'Ce type de données n’est pas accepté. Rechargez la page, puis réessayez.',
  HEADERS_TOO_LARGE: 'La demande est trop lourde. Rechargez la page, puis réessayez.',
  // 409: dunning
  DUNNING_ALREADY_PAUSED: 'Les relances de cette facture sont déjà en pause.',
  DUNNING_NOT_PAUSED: 'Les relances de cette facture ne sont pas en pause.',
  DUNNING_DRAFT_ALREADY_SENT: 'La mise en demeure de cette facture est déjà partie, ou elle a été abandonnée car la facture est réglée.',
  // 422
  WEAK_PASSWORD: 'Ce mot de passe est trop facile à deviner. Choisissez-en un d’au moins 12 caractères, sans votre adresse e-mail. Une petite phrase se retient bien.',
  WRONG_CURRENT_PASSWORD: 'Le mot de passe actuel n’est pas le bon. Vérifiez-le, puis réessayez.',
  IDEMPOTENCY_KEY_REUSED: 'Cette demande a déjà été envoyée avec d’autres informations. Rechargez la page, puis réessayez.',
  ISSUE_DATE_BEFORE_LAST:
    'Un document de la même série a déjà été émis à une date plus tardive[ (le {lastIssuedOn})]. Choisissez cette date ou une date après : les numéros suivent l’ordre des dates.',
  CAPE_MEMBER_TOO_YOUNG:
    'Ce membre est trop jeune pour un contrat CAPE à cette date[ : ce site les signe à partir de {minimumAge} ans].[ Faites commencer le contrat le {earliestStartsOn} ou plus tard.]',
  CAPE_GUARDIAN_CONSENT_MISSING:
    'Ce membre a moins de 18 ans au début du contrat[ ({ageOnStart} ans)] : il faut d’abord l’accord écrit d’un parent ou d’un représentant légal, enregistré dans sa fiche.',
  CAPE_CHARTER_NOT_SIGNED:
    'Ce site demande que la charte soit signée avant le début du contrat[ (le {startsOn})]. Enregistrez la signature de la charte, ou changez la date de début.',
  CAPE_INVALID_DATES: 'Ces dates ne vont pas : la fin du contrat vient après son début, et un arrêt tombe pendant le contrat. Corrigez la date.',
  CAPE_PERIOD_TOO_LONG: 'Un contrat CAPE, ou un renouvellement, dure 12 mois au plus[ : il doit finir le {latestEndsOn} au plus tard]. Changez la date de fin.',
  CAPE_TOO_MANY_RENEWALS: 'Ce contrat CAPE a déjà été renouvelé autant de fois que permis[ ({maxRenewals} fois)]. Il ne peut plus être renouvelé.',
  CAPE_TOTAL_TOO_LONG: 'Un contrat CAPE dure 36 mois au plus avec ses renouvellements[ : il doit finir le {latestEndsOn} au plus tard]. Changez la date de fin.',
  CAPE_ALREADY_ACTIVE:
    'Ce membre a déjà un contrat CAPE[ du {otherStartsOn} au {otherEndsOn}], et on n’en a qu’un à la fois. Choisissez des dates en dehors, ou arrêtez d’abord l’autre contrat.',
  CAPE_NOT_RENEWABLE: 'Ce contrat est terminé[ depuis le {endsOn}]. Un renouvellement se décide au plus tard le dernier jour du contrat.',
  IMPORT_FILE_REFUSED:
    'Ce fichier ne peut pas être lu[ (ligne {row})], donc rien n’a été importé. Enregistrez le tableau en CSV, avec la ligne des titres en premier, puis envoyez-le à nouveau.',
  INTERVIEW_TRANSITION_REFUSED: 'Cet entretien ne peut pas passer à cet état. Vérifiez son statut et ses dates, puis réessayez.',
  INTERVIEW_FIRST_ALREADY_EXISTS: 'Ce membre a déjà un premier entretien. Enregistrez celui-ci comme entretien de suivi, ou annulez d’abord l’autre.',
  QUOTE_EXPIRED: 'La date de validité de ce devis est passée[ ({validUntil})]. Il ne peut plus être envoyé ni accepté : faites un nouveau devis.',
  LOGO_TYPE_NOT_ALLOWED: 'Ce logo n’est pas accepté. Envoyez une image PNG ou JPEG lisible (pas un PDF ni un SVG).',
  RECEIPT_TYPE_NOT_ALLOWED: 'Ce justificatif n’est pas accepté. Envoyez un fichier PDF, JPEG ou PNG, qui ne soit pas vide.',
  SUPPLY_DATE_REQUIRED:
    'La facture doit dire quand la prestation a été faite ou les biens livrés. Donnez la date, ou la période (début et fin), sur le brouillon, puis émettez la facture.',
  COMMITMENT_NUMBER_REQUIRED: 'Ce client demande son numéro d’engagement sur les factures, sinon Chorus Pro les refuse. Ajoutez-le au brouillon, puis émettez la facture.',
  PAYMENT_TERM_TOO_LONG: 'Ce délai de paiement est trop long pour un client professionnel[ : {max} jours au plus après la date de la facture]. Raccourcissez-le.',
  PAYMENT_EXCEEDS_BALANCE: 'Ce paiement dépasse ce qui reste à payer sur la facture[ ({outstanding})]. Enregistrez au plus ce montant.',
  CREDIT_EXCEEDS_INVOICE:
    'Cet avoir dépasse ce qui peut encore être annulé sur la facture[ au taux de {rate} %][ : au plus {creditable}]. Réduisez-le, ou faites un avoir de tout ce qui reste.',
  PAYMENT_BEFORE_WITHDRAWAL_DELAY:
    'Ce contrat a été conclu chez le client : la loi interdit de recevoir un paiement pendant les 7 jours qui suivent (Code de la consommation, article L221-10)[. Un paiement peut être reçu à partir du {firstAllowedOn}]. Rendez l’argent s’il a déjà été donné.',
  REFUND_EXCEEDS_AMOUNT_DUE: 'Ce remboursement dépasse ce qui est dû au client sur cette facture[ ({refundDue})]. Remboursez au plus ce montant, après un avoir.',
  CAPE_NOT_RUNNING: 'Ce membre n’a pas de contrat CAPE en cours[ le {date}], donc la mention CAPE ne peut pas être imprimée. Retirez-la, ou renouvelez d’abord le contrat.',
  SELLER_IDENTITY_INCOMPLETE:
    'La forme juridique de la structure hébergeuse manque, et une facture doit l’indiquer. Demandez à l’administration du réseau de la compléter, puis émettez à nouveau la facture.',
  EINVOICE_RULE_BROKEN: 'Cette facture ne donnerait pas une facture électronique valide (norme EN 16931) : corrigez ce que le message indique, puis émettez-la à nouveau.',
  DEPOSIT_INVOICE_INVALID: 'Cet acompte ne peut pas être déduit ici. Choisissez une facture d’acompte émise, du même client et du même devis, ou faites une facture simple.',
  MISSION_MEMBER_NOT_SIGNED_UP: 'Une des personnes choisies n’est pas inscrite à cette mission. Inscrivez-la d’abord, ou choisissez parmi les inscrits.',
  MISSION_TEAM_EMPTY: 'Personne n’est encore inscrit à cette mission. Les membres s’inscrivent d’abord, ou la coordination les inscrit, puis vous confirmez l’équipe.',
  MISSION_NOT_STARTED:
    'Cette mission n’a pas encore commencé[ (elle commence le {startsOn})]. Elle se termine à partir de ce jour-là. Si elle a eu lieu plus tôt, changez ses dates.',
  MINOR_DAILY_HOURS_EXCEEDED: 'Avant 18 ans, on travaille 8 heures par jour au plus.[ {alreadyRecorded} h sont déjà déclarées le {date}.] Déclarez moins d’heures ce jour-là.',
  PERIOD_INVALID_DATES: 'Une période reste dans un seul mois, et sa fin vient après son début. Corrigez la date de fin.',
  MINOR_WEEKLY_HOURS_EXCEEDED:
    'Avant 18 ans, on travaille 35 heures par semaine au plus.[ {alreadyRecorded} h sont déjà déclarées la semaine du {weekStartsOn}.] Déclarez moins d’heures cette semaine-là.',
  MINOR_NIGHT_WORK: 'Avant 18 ans, on ne travaille pas entre 22 h et 6 h du matin. Choisissez une heure de début et un nombre d’heures qui restent en journée.',
  SELF_RECOGNITION_REFUSED: 'Les points de reconnaissance vont aux autres membres : vous ne pouvez pas vous en donner.',
  RECOGNITION_BUDGET_EXCEEDED: 'Vous n’avez pas assez de points pour cette période[ : il vous en reste {remaining}]. Donnez-en moins.',
  RECOGNITION_RECIPIENT_INACTIVE: 'Ce membre n’est plus actif sur le site. Donnez vos points à un membre actif.',
  PAYROLL_RATES_MISSING: 'Aucun barème de paie ne s’applique[ à la date du {date}]. Ajoutez-en un dans les réglages de la rémunération.',
  CONTRIBUTION_OUTSIDE_MEMBERSHIP: 'Ce jour-là, cette personne n’était pas membre du site[ (arrivée le {joinedOn})]. Déclarez des heures sur un jour où elle était membre.',
  HELP_OFFER_OWN_REQUEST: 'Un site ne propose pas son aide sur sa propre demande : ce sont les autres sites qui le font.',
  HELP_HOURS_SITE_NOT_ACCEPTED: 'Enregistrez des heures seulement pour les sites dont vous avez accepté l’aide.',
  HELP_REQUEST_NOT_STARTED: 'Cette aide n’a pas encore commencé[ (elle commence le {startsOn})]. Enregistrez les heures une fois qu’elle a eu lieu.',
  NETWORK_SITE_UNKNOWN: 'Un des sites choisis n’est pas dans le réseau. Choisissez les sites dans la liste.',
  RECIPROCITY_ENTRY_SAME_SITE: 'Un échange se fait entre deux sites. Choisissez l’autre site.',
  RECIPROCITY_TEMPLATE_INACTIVE: 'Ce modèle d’échange n’est plus proposé. Choisissez-en un autre, ou indiquez les heures vous-même.',
  RECIPROCITY_REVERSAL_NOT_REVERSIBLE: 'Ce mouvement annule déjà un autre mouvement. Enregistrez plutôt un nouvel échange.',
  RESERVATION_INVALID_RANGE: 'Ces dates de réservation ne vont pas : la fin vient après le début, et le début ne peut pas être passé.',
  RESERVATION_TOO_LONG: 'Cette réservation est trop longue pour ce matériel[ : {maxDurationHours} heures au plus à la fois]. Raccourcissez-la.',
  RESERVATION_OWN_EQUIPMENT: 'Un site ne réserve pas son propre matériel : les réservations sont pour les autres sites du réseau.',
  LAUNCH_STEP_DATE_INVALID: 'La date d’une étape est le jour où elle a été faite. Choisissez aujourd’hui ou un jour passé.',
  MENTOR_NOT_ESTABLISHED: 'Le site parrain doit être un site déjà actif du réseau, autre que le nouveau KPA.',
  ACCOMPANIMENT_NOT_MENTOR: 'Seul le site parrain de ce nouveau KPA enregistre ses séances d’accompagnement.',
  DUNNING_POLICY_INVALID:
    'Ces réglages de relance ne vont pas : les relances se suivent dans l’ordre, à 7 jours d’écart au moins, et l’heure de début d’envoi vient avant l’heure de fin. Corrigez-les.',
  // 429
  RATE_LIMITED: 'Trop de demandes d’affilée. Attendez un moment[ ({retryAfterSeconds})], puis réessayez.',
  TOO_MANY_LOGIN_ATTEMPTS: 'Trop d’essais de connexion d’affilée. Attendez un moment[ ({retryAfterSeconds})], puis réessayez.',
  // 500, 503
  INTERNAL_ERROR: 'Quelque chose s’est mal passé de notre côté. Réessayez dans un moment.[ Si cela recommence, donnez cette référence à la coordination : {errorId}.]',
  SERVICE_UNAVAILABLE: 'Ce service ne répond pas pour le moment. Réessayez dans un moment.',
};

export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(errorsFr, code);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
/** Details that are dates or instants by their name (`leftOn`, `startsAt`, `validUntil`, `date`). */
const DATE_KEY = /(On|At|Until|^date)$/;
/** Details that are amounts in euros (decimal strings, as the API writes money). */
const AMOUNT_KEYS = new Set(['outstanding', 'amount', 'total', 'creditable', 'refundDue']);
/** Details shown as written: document numbers ("2026-0042" is not a number), references, times. */
const VERBATIM_KEYS = new Set(['number', 'deductedBy', 'errorId', 'startTime']);

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds}${NBSP}seconde${seconds > 1 ? 's' : ''}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes}${NBSP}minute${minutes > 1 ? 's' : ''}`;
}

function size(bytes: number): string {
  const mib = bytes / 1_048_576;
  if (mib >= 1) return `${frenchNumber(String(Math.round(mib * 10) / 10))}${NBSP}Mo`;
  return `${frenchNumber(String(Math.ceil(bytes / 1024)))}${NBSP}Ko`;
}

/** One detail as a French reader reads it, or undefined when it is absent or not something to show. */
function shown(key: string, value: unknown): string | undefined {
  const last = key.split('.').pop() ?? key;
  if (typeof value === 'number' && Number.isFinite(value)) {
    if (/Seconds$/.test(last)) return duration(Math.max(1, Math.ceil(value)));
    if (/Bytes$/.test(last)) return size(value);
    return frenchNumber(String(value));
  }
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();
  if (VERBATIM_KEYS.has(last)) return text.length <= 60 ? text : undefined;
  if (AMOUNT_KEYS.has(last) && DECIMAL.test(text)) return frenchAmount(text);
  if (ISO_DATE.test(text)) {
    try {
      return frenchLongDate(text);
    } catch {
      return undefined;
    }
  }
  const instant = ISO_INSTANT.exec(text);
  if (instant) {
    try {
      return `${frenchLongDate(instant[1])} à ${Number(instant[2])}${NBSP}h${NBSP}${instant[3]}`;
    } catch {
      return undefined;
    }
  }
  // A date that is not one (`startsOn: "soon"`) is not shown as if it were.
  if (DATE_KEY.test(last)) return undefined;
  if (DECIMAL.test(text)) return frenchNumber(text);
  // Invoice numbers, references, times: as written, but never a long text in a sentence.
  return text.length <= 60 ? text : undefined;
}

function detailAt(details: Record<string, unknown>, path: string): unknown {
  let value: unknown = details;
  for (const part of path.split('.')) {
    if (!isRecord(value)) return undefined;
    value = value[part];
  }
  return value;
}

const PLACEHOLDER = /\{([\w.]+)\}/g;

/**
 * A sentence of errorsFr with its `{placeholders}` filled from details; a `[…]` part whose
 * placeholders cannot all be filled is left out, as is any placeholder left unfilled.
 */
export function fillErrorSentence(sentence: string, details: unknown): string {
  const record = isRecord(details) ? details : {};
  const fill = (part: string): string | undefined => {
    let missing = false;
    const filled = part.replace(PLACEHOLDER, (_match, name: string) => {
      const value = shown(name, detailAt(record, name));
      if (value === undefined) missing = true;
      return value ?? '';
    });
    return missing ? undefined : filled;
  };
  return sentence.replace(/\[([^\][]*)\]/g, (_match, part: string) => fill(part) ?? '').replace(PLACEHOLDER, (_match, name: string) => shown(name, detailAt(record, name)) ?? '');
}

// --- VALIDATION_FAILED: the gateway's per-field problems (class-validator's and the services'), in French.

/** The request fields a person fills in the console, in the words of its forms. */
const FIELD_LABELS: Record<string, string> = {
  firstName: 'prénom',
  lastName: 'nom',
  birthDate: 'date de naissance',
  email: 'adresse e-mail',
  phone: 'téléphone',
  password: 'mot de passe',
  currentPassword: 'mot de passe actuel',
  newPassword: 'nouveau mot de passe',
  displayName: 'nom affiché',
  hours: 'nombre d’heures',
  date: 'date',
  startTime: 'heure de début',
  amount: 'montant',
  receivedOn: 'date du paiement',
  method: 'moyen de paiement',
  startsOn: 'date de début',
  endsOn: 'date de fin',
  on: 'date',
  activity: 'activité',
  description: 'description',
  quantity: 'quantité',
  unit: 'unité',
  unitPrice: 'prix unitaire',
  vatRate: 'taux de TVA',
  exemptionReason: 'motif d’exonération',
  clientId: 'client',
  name: 'nom',
  siret: 'numéro SIRET',
  situation: 'situation',
  referredBy: 'orienté·e par',
  referredByDetail: 'précision sur l’orientation',
  'guardian.name': 'nom du représentant légal',
  'guardian.relationship': 'lien avec la personne',
  'guardian.consentedOn': 'date de l’accord',
  relationship: 'lien avec la personne',
  consentedOn: 'date de l’accord',
  reason: 'motif',
  text: 'texte',
  note: 'note',
  issueDate: 'date de la facture',
  paymentTermDays: 'délai de paiement',
  commitmentNumber: 'numéro d’engagement',
  postalCode: 'code postal',
  city: 'ville',
  line: 'adresse',
  points: 'points',
  toMemberId: 'membre',
  memberId: 'membre',
  scheduledAt: 'date de l’entretien',
  heldAt: 'date de l’entretien',
  csv: 'fichier',
  role: 'rôle',
  kind: 'type',
  status: 'statut',
  q: 'recherche',
};

/** "lines[2].quantity" or "lines.2.quantity" → "ligne 3, quantité"; an unknown name stays, in guillemets. */
export function fieldLabel(field: string): string {
  const parts = field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
  const line = parts[0] === 'lines' && /^\d+$/.test(parts[1] ?? '') ? Number(parts[1]) + 1 : null;
  const rest = line === null ? parts : parts.slice(2);
  const name = rest.join('.');
  const label = FIELD_LABELS[name] ?? FIELD_LABELS[rest[rest.length - 1] ?? ''] ?? (name ? `«${NBSP}${name}${NBSP}»` : '');
  if (line === null) return label;
  return label ? `ligne ${line}, ${label}` : `ligne ${line}`;
}

type Rule = [RegExp, (match: RegExpExecArray) => string];

const plural = (count: string, word: string) => `${count} ${word}${Number(count) > 1 ? 's' : ''}`;

/** What to write, for each kind of problem the API names (first match wins). */
const RULES: Rule[] = [
  [/should not exist/, () => 'ce champ n’est pas attendu. Rechargez la page, puis réessayez.'],
  [/(should not be empty|must not be blank|is required|is empty|must not be empty)/, () => 'ce champ est à remplir.'],
  [/(true or false|a boolean value)/, () => 'répondez par oui ou par non.'],
  [/must be (\d+) to (\d+) characters/, (m) => `écrivez entre ${m[1]} et ${plural(m[2], 'caractère')}.`],
  [/(?:longer than or equal to|at least) (\d+) characters/, (m) => `écrivez au moins ${plural(m[1], 'caractère')}.`],
  [/(?:shorter than or equal to|at most) (\d+) characters/, (m) => `écrivez au plus ${plural(m[1], 'caractère')}.`],
  [/e-?mail/, () => 'écrivez une adresse e-mail complète, par exemple prenom@exemple.fr.'],
  [/must be an instant/, () => 'indiquez une date et une heure.'],
  [/(must be a date|YYYY-MM-DD)/, () => 'choisissez une date qui existe dans le calendrier.'],
  [/must be a time/, () => 'écrivez une heure, par exemple 14:30.'],
  [/percent/, () => 'écrivez un pourcentage, par exemple 12,5.'],
  [/(amount|euros)/, () => 'écrivez un montant en euros, par exemple 12,50.'],
  [/hours/, () => 'écrivez un nombre d’heures, par exemple 2,5.'],
  [/(UUID|uuid|must be an? [\w ]*\bid\b)/, () => 'choisissez un élément dans la liste.'],
  [/must not be less than (-?\d+(?:\.\d+)?)/, (m) => `écrivez un nombre égal ou supérieur à ${frenchNumber(m[1])}.`],
  [/must not be greater than (-?\d+(?:\.\d+)?)/, (m) => `écrivez un nombre égal ou inférieur à ${frenchNumber(m[1])}.`],
  [/(integer number|whole number)/, () => 'écrivez un nombre entier, sans virgule.'],
  [/must contain no more than (\d+) elements/, (m) => `choisissez-en ${m[1]} au plus.`],
  [/must contain at least (\d+) elements?/, (m) => `choisissez-en au moins ${m[1]}.`],
  [/must be (\d+) digits/, (m) => `écrivez ${m[1]} chiffres.`],
  [/(control, direction or broken character|U\+[0-9A-F]{4})/, () => 'enlevez le caractère invisible ou spécial, copié peut-être d’un autre logiciel.'],
  [/must be (one of|either)\b|must be \w+ or \w+\.?$/, () => 'choisissez une des valeurs proposées.'],
  [/(must be written like|must be a number)/, () => 'écrivez un nombre, par exemple 2,5.'],
];

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** One problem of one field ("quantity must not be less than 0") as a French sentence. */
export function frenchProblem(field: string | undefined, problem: string): string {
  const prefixed = /^(?:each value in |nested property |property )?"?([\w.[\]]+)"?\s+(must|should|is|holds|nests|may)\b/.exec(problem);
  const name = field ?? prefixed?.[1];
  const rule = RULES.find(([pattern]) => pattern.test(problem));
  const label = name ? fieldLabel(name) : '';
  if (!rule) return label ? `Vérifiez le champ ${label.startsWith('«') ? label : `«${NBSP}${label}${NBSP}»`}.` : errorsFr.VALIDATION_FAILED;
  const sentence = rule[1](rule[0].exec(problem)!);
  return label ? `${capitalize(label)}${NBSP}: ${sentence}` : capitalize(sentence);
}

/**
 * A VALIDATION_FAILED in French: each field's first problem (the pipe's `details.fields`, at most
 * three), else the message about `details.field`, else the generic sentence.
 */
export function frenchValidation(message: string, details: unknown): string {
  const record = isRecord(details) ? details : {};
  const problems: { field?: string; problem: string }[] = [];
  if (Array.isArray(record.fields)) {
    for (const entry of record.fields) {
      if (!isRecord(entry) || typeof entry.field !== 'string' || !Array.isArray(entry.problems)) continue;
      const first: unknown = entry.problems[0];
      if (typeof first === 'string') problems.push({ field: entry.field, problem: first });
    }
  }
  if (problems.length === 0) problems.push({ field: typeof record.field === 'string' && record.field ? record.field : undefined, problem: message });
  const sentences = [...new Set(problems.slice(0, 3).map(({ field, problem }) => frenchProblem(field, problem)))];
  return sentences.join(' ');
}

/**
 * The French text for an API error: its code's sentence filled from its details, VALIDATION_FAILED
 * field by field; an unknown code (an API newer than the console) keeps the API's own message,
 * with French typography.
 */
export function frenchErrorText(code: string, message: string, details?: unknown): string {
  if (code === 'VALIDATION_FAILED') return frenchValidation(message, details);
  if (isErrorCode(code)) return fillErrorSentence(errorsFr[code], details);
  return frenchTypography(message);
}
