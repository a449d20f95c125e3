import { Injectable } from '@nestjs/common';
import { PayEstimateView, SimulatePayRequest, siteIdOf } from '@kpa/contracts';
import { todayInFrance } from '@kpa/platform';
import { formatPayEstimate, rateTableOn, simulatePay } from './simulator';
import { parseMoney } from '../units';
import { SiteSettingsRepository } from '../settings/site-settings.repository';

/**
 * What a share means in pay, as an estimate labelled so, with the site's payroll rate table in
 * force today (the example table of docs/domain-rules.md §5.2 until the site sets its own).
 */
@Injectable()
export class PaySimulatorService {
  constructor(private readonly settings: SiteSettingsRepository) {}

  async simulate({ siteId, amount }: SimulatePayRequest): Promise<PayEstimateView> {
    const envelope = parseMoney(amount, 'amount');
    const settings = await this.settings.get(siteIdOf(siteId));
    return formatPayEstimate(simulatePay(envelope, rateTableOn(settings.payrollRates, todayInFrance()))) as unknown as PayEstimateView;
  }
}
