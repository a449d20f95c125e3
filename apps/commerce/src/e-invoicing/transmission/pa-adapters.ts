import { CommerceConfig } from '../../commerce.config';
import { FileDropPaAdapter } from './file-drop.pa-adapter';
import { HttpPaAdapter } from './http.pa-adapter';
import { PaAdapter } from './pa-adapter';

/** The adapter the configuration names, or null when no PA is connected. A new adapter is added here. */
export function paAdapterOf(config: Pick<CommerceConfig, 'EINVOICE_PA' | 'EINVOICE_PA_DIR' | 'EINVOICE_PA_URL' | 'EINVOICE_PA_TOKEN'>): PaAdapter | null {
  switch (config.EINVOICE_PA) {
    case 'none':
      return null;
    case 'file-drop':
      return new FileDropPaAdapter(config.EINVOICE_PA_DIR as string);
    case 'http':
      return new HttpPaAdapter(config.EINVOICE_PA_URL as string, config.EINVOICE_PA_TOKEN ?? null);
  }
}
