import { defineEvent } from '../../envelope';
import { ClientKind } from '../../rpc/commerce/clients';

/**
 * A client was created or changed. No personal data: the name only for companies, associations
 * and public bodies; for an individual just the id and kind (never name, address, e-mail, phone).
 */
export interface ClientChangedV1 {
  clientId: string;
  kind: ClientKind;
  /** Absent for individuals. */
  name?: string;
  updatedAt: string;
}

export const CLIENT_CREATED_V1 = defineEvent<ClientChangedV1>('commerce.client.created', 1);
export const CLIENT_UPDATED_V1 = defineEvent<ClientChangedV1>('commerce.client.updated', 1);
