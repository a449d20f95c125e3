/** French company identifiers: one implementation, in libs/contracts (commerce checks its clients' with it too). */
export { compactIdentifier, frenchVatNumberFor, isValidFrenchVatNumber, isValidLuhn, isValidSiren, isValidSiret } from '@kpa/contracts';
