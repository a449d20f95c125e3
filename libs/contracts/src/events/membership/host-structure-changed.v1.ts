import { defineEvent } from '../../envelope';
import { HostStructure } from '../../rpc/membership/host-structures';

/**
 * A host structure was created or its legal identity changed. Carries the whole legal identity:
 * commerce prints it on quotes and invoices.
 */
export type HostStructureChangedV1 = Omit<HostStructure, 'createdAt' | HostStructureEInvoicingField> & Partial<Pick<HostStructure, HostStructureEInvoicingField>>;

/**
 * Added for the e-invoicing reform and the documents' audit (issue 15): optional in v1, since the
 * events published before carry none of them.
 */
export type HostStructureEInvoicingField = 'iban' | 'bic' | 'electronicAddress' | 'phone' | 'email' | 'vatOnDebits' | 'mediatorName' | 'mediatorContact';

export const HOST_STRUCTURE_CREATED_V1 = defineEvent<HostStructureChangedV1>('membership.host_structure.created', 1);
export const HOST_STRUCTURE_UPDATED_V1 = defineEvent<HostStructureChangedV1>('membership.host_structure.updated', 1);
