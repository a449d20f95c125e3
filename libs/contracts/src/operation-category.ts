// Pure: no Node module and no import of the package's index, so the console bundles it as it is
// (the invoice editor shows the nature its lines give, with this very function).
import { DomainError } from './errors';
import { LINE_NATURES, LineNature } from './rpc/commerce/catalogue';
import { OPERATION_CATEGORIES, OperationCategory } from './rpc/commerce/invoices';

/**
 * The nature of the operation an invoice prints (CGI ann. II 242 nonies A 8° bis, décret 2022-1299):
 * goods when every line supplies goods, services when every line is a service, mixed when both.
 * A line without a nature is a service (the default of lines stored before natures existed).
 */
export function operationCategoryOf(lines: readonly { nature?: LineNature | null }[]): OperationCategory {
  let goods = false;
  let services = false;
  for (const line of lines) {
    if (line.nature === 'goods') goods = true;
    else services = true;
  }
  if (goods && services) return 'mixed';
  return goods ? 'goods' : 'services';
}

/** A line's nature as sent: `service` when absent, else one of LINE_NATURES. */
export function lineNature(value: unknown, field: string): LineNature {
  if (value === undefined || value === null) return 'service';
  if (!LINE_NATURES.includes(value as LineNature)) throw new DomainError('VALIDATION_FAILED', `${field} must be one of ${LINE_NATURES.join(', ')}.`, { field });
  return value as LineNature;
}

/**
 * The operation category a request states, checked against its lines': the lines decide, so a
 * category is accepted only when it says the same (a document printing "services" for goods lines
 * is a wrong mention, fined like a missing one).
 */
export function checkedOperationCategory(stated: unknown, lines: readonly { nature?: LineNature | null }[]): OperationCategory {
  const derived = operationCategoryOf(lines);
  if (stated === undefined || stated === null) return derived;
  if (!OPERATION_CATEGORIES.includes(stated as OperationCategory)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `operationCategory must be one of ${OPERATION_CATEGORIES.join(', ')} (CGI ann. II 242 nonies A: goods, services or both), or be left out: the lines decide it.`,
      { field: 'operationCategory' },
    );
  }
  if (stated !== derived) {
    const what = derived === 'goods' ? 'every line supplies goods' : derived === 'services' ? 'every line is a service' : 'the lines supply both goods and services';
    throw new DomainError(
      'VALIDATION_FAILED',
      `operationCategory "${String(stated)}" contradicts the lines: ${what}, so the invoice is "${derived}". Leave operationCategory out, or set each line's nature ("goods" or "service").`,
      { field: 'operationCategory', derived },
    );
  }
  return derived;
}
