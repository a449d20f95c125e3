import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  CAPE_RENEWED_V1,
  CAPE_SIGNED_V1,
  CAPE_TERMINATED_V1,
  CapeContract,
  CapeContractChangedV1,
  CapeContractPage,
  ListCapeContractsRequest,
  RenewCapeContractRequest,
  SignCapeContractRequest,
  TerminateCapeContractRequest,
  siteIdOf,
} from '@kpa/contracts';
import { createEvent, todayInFrance, UnitOfWork } from '@kpa/platform';
import { assertNotErased } from '../members/member-privacy';
import { MembersRepository } from '../members/members.repository';
import { SiteRepository } from '../sites/site.repository';
import { assertNotLeft, capeActivity, capeEndsOn, newCapeContract, renewCapeContract, terminateCapeContract } from './cape-contract';
import { CapeContractEntity } from './cape-contract.entity';
import { CapeContractRepository } from './cape-contract.repository';

function changed(contract: CapeContractEntity): CapeContractChangedV1 {
  return {
    contractId: contract.id,
    memberId: contract.memberId,
    hostStructureId: contract.hostStructureId,
    startsOn: contract.periods[0].startsOn,
    endsOn: capeEndsOn(contract.state()),
    renewals: contract.periods.length - 1,
    terminatedOn: contract.terminatedOn,
  };
}

@Injectable()
export class CapeContractsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly contracts: CapeContractRepository,
    private readonly members: MembersRepository,
    private readonly sites: SiteRepository,
  ) {}

  /** Signs a CAPE for a member of the site, with the site's host structure, under the rules of L127-1 ff. */
  sign(request: SignCapeContractRequest): Promise<CapeContract> {
    const today = todayInFrance();
    const siteId = siteIdOf(request.siteId);
    return this.unitOfWork.run(async ({ manager, publish }) => {
      // The member row is locked: two contracts signed at once cannot both pass the overlap rule.
      const member = await this.members.find(siteId, request.memberId, { lock: true }, manager);
      assertNotErased(member);
      assertNotLeft(member);
      const site = await this.sites.find(siteId, {}, manager);
      const activity = capeActivity(request.activity);
      const others = await this.contracts.ofMember(siteId, member.id, {}, manager);
      const state = newCapeContract(
        { id: uuidv7(), memberId: member.id, startsOn: request.startsOn, endsOn: request.endsOn },
        {
          today,
          birthDate: member.birthDate,
          minimumAge: site.minimumAge,
          guardianConsentRecorded: member.guardian !== null,
          charterRequired: site.charterRequired,
          charterSignedOn: member.charterSignedOn,
        },
        others.map((other) => other.state()),
      );
      const now = new Date();
      const contract = Object.assign(new CapeContractEntity(), state, {
        siteId,
        hostStructureId: site.hostStructureId,
        activity,
        createdAt: now,
        updatedAt: now,
      });
      await this.contracts.insert(contract, manager);
      await publish(createEvent(CAPE_SIGNED_V1, site.id, changed(contract), now));
      return contract.toContract(today);
    });
  }

  renew(request: RenewCapeContractRequest): Promise<CapeContract> {
    const today = todayInFrance();
    const siteId = siteIdOf(request.siteId);
    return this.unitOfWork.run(async ({ manager, publish }) => {
      const contract = await this.contracts.findForChange(siteId, request.contractId, manager);
      assertNotErased(await this.members.find(siteId, contract.memberId, { lock: true }, manager));
      const others = await this.contracts.ofMember(siteId, contract.memberId, {}, manager);
      const otherStates = others.filter((other) => other.id !== contract.id).map((other) => other.state());
      Object.assign(contract, renewCapeContract(contract.state(), request.endsOn, today, otherStates), { updatedAt: new Date() });
      await this.contracts.save(contract, manager);
      await publish(createEvent(CAPE_RENEWED_V1, contract.siteId, changed(contract), contract.updatedAt));
      return contract.toContract(today);
    });
  }

  terminate(request: TerminateCapeContractRequest): Promise<CapeContract> {
    const today = todayInFrance();
    const siteId = siteIdOf(request.siteId);
    return this.unitOfWork.run(async ({ manager, publish }) => {
      const contract = await this.contracts.findForChange(siteId, request.contractId, manager);
      assertNotErased(await this.members.find(siteId, contract.memberId, { lock: true }, manager));
      Object.assign(contract, terminateCapeContract(contract.state(), request.on, request.reason, today), { updatedAt: new Date() });
      await this.contracts.save(contract, manager);
      await publish(createEvent(CAPE_TERMINATED_V1, contract.siteId, { ...changed(contract), reason: contract.terminationReason ?? '' }, contract.updatedAt));
      return contract.toContract(today);
    });
  }

  async list(request: ListCapeContractsRequest): Promise<CapeContractPage> {
    const today = todayInFrance();
    const siteId = siteIdOf(request.siteId);
    // One member's contracts: an unknown member (or another site's) is a 404, as on every member route, not an empty list.
    if (request.memberId !== undefined) await this.members.find(siteId, request.memberId);
    const page = await this.contracts.page(siteId, request.memberId, request);
    const items = page.items.map((contract) => contract.toContract(today));
    // The status follows the dates: filtered after computing it (a site has tens of contracts, not thousands).
    return { items: request.status ? items.filter((item) => item.status === request.status) : items, nextCursor: page.nextCursor };
  }
}
