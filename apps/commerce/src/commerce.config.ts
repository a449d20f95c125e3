import { IsIn, IsOptional, IsString, Matches, MinLength, ValidateIf } from 'class-validator';
import { METRICS_PORTS, SERVICE_PORTS } from '@kpa/contracts';
import { ServiceConfig } from '@kpa/platform';

export class CommerceConfig extends ServiceConfig {
  // commerce: e-invoicing transmission (docs/e-invoicing.md, "Transmission")
  /**
   * The approved platform (PA) the region's e-invoices are handed to: `none` (no PA connected: nothing
   * is queued), `file-drop` (a folder, EINVOICE_PA_DIR) or `http` (EINVOICE_PA_URL). Only documents
   * issued while a PA is connected are transmitted.
   */
  @IsIn(['none', 'file-drop', 'http'], { message: 'must be none, file-drop or http' })
  EINVOICE_PA: 'none' | 'file-drop' | 'http' = 'none';

  /** The file-drop PA's folder (created if missing). */
  @ValidateIf((config: CommerceConfig) => config.EINVOICE_PA === 'file-drop')
  @IsString({ message: 'is required when EINVOICE_PA is file-drop: the folder the PA reads, e.g. /var/lib/kpa/pa' })
  @MinLength(1, { message: 'is required when EINVOICE_PA is file-drop: the folder the PA reads, e.g. /var/lib/kpa/pa' })
  EINVOICE_PA_DIR?: string = undefined;

  /** The http PA's base URL. */
  @ValidateIf((config: CommerceConfig) => config.EINVOICE_PA === 'http')
  @Matches(/^https?:\/\/\S+$/, { message: 'is required when EINVOICE_PA is http: the PA’s base URL, e.g. https://pa.example.fr/api' })
  EINVOICE_PA_URL?: string = undefined;

  /** The http PA's bearer token, when it asks for one. */
  @IsOptional()
  @IsString()
  EINVOICE_PA_TOKEN?: string = undefined;
}

export const COMMERCE_DEFAULTS = { HTTP_PORT: SERVICE_PORTS.commerce, METRICS_PORT: METRICS_PORTS.commerce };
