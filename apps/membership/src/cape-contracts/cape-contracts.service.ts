import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  CAPE_RENEWED_V1,
  CAPE_SIGNED_V1,
  CAPE_TERMINATED_V1,
  CapeContract,
  CapeContractChangedV1,
  CapeContractPage,
  DomainError,
  ListCapeContractsRequest,
  RenewCapeContractRequest,
  SignCapeContractRequest,
  TerminateCapeContractRequest,
  siteIdOf,
} from '@kpa/contracts';
import { createEvent, keysetPage, todayInFrance, UnitOfWork } from '@kpa/platform';
import { assertNotErased } from '../members/member-privacy';
import { MembersRepository } from '../members/members.repository';
import { SiteEntity } from '../sites/site.entity';
import { capeEndsOn, newCapeContract, renewCapeContract, terminateCapeContract } from './cape-contract';
import { CapeContractEntity } from './cape-contract.entity';

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
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly members: MembersRepository,
  ) {}

  /** Signs a CAPE for a member of the site, with the site's host structure, under the rules of L127-1 ff. */
  sign(request: SignCapeContractRequest): Promise<CapeContract> {
    const today = todayInFrance();
    return this.unitOfWork.run(async ({ manager, publish }) => {
      // The member row is locked: two contracts signed at once cannot both pass the overlap rule.
      const member = await this.members.find(siteIdOf(request.siteId), request.memberId, { lock: true }, manager);
      assertNotErased(member);
      if (member.leftOn !== null) {
        throw new DomainError('MEMBER_ALREADY_LEFT', `This member left on ${member.leftOn}: record their return before a new contract.`, { leftOn: member.leftOn });
      }
      const site = await manager.findOneByOrFail(SiteEntity, { id: request.siteId });
      const activity = request.activity?.trim() ?? '';
      if (activity.length < 2 || activity.length > 200) {
        throw new DomainError('VALIDATION_FAILED', 'activity must say in 2 to 200 characters what the member develops (e.g. "cuisine du monde").', { field: 'activity' });
      }
      const others = await manager.findBy(CapeContractEntity, { memberId: member.id });
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
        siteId: site.id,
        hostStructureId: site.hostStructureId,
        activity,
        createdAt: now,
        updatedAt: now,
      });
      await manager.insert(CapeContractEntity, contract);
      await publish(createEvent(CAPE_SIGNED_V1, site.id, changed(contract), now));
      return contract.toContract(today);
    });
  }

  renew(request: RenewCapeContractRequest): Promise<CapeContract> {
    const today = todayInFrance();
    return this.unitOfWork.run(async ({ manager, publish }) => {
      const contract = await this.find(manager, request.siteId, request.contractId);
      assertNotErased(await this.members.find(siteIdOf(contract.siteId), contract.memberId, { lock: true }, manager));
      const others = await manager.findBy(CapeContractEntity, { memberId: contract.memberId });
      const otherStates = others.filter((other) => other.id !== contract.id).map((other) => other.state());
      Object.assign(contract, renewCapeContract(contract.state(), request.endsOn, today, otherStates), { updatedAt: new Date() });
      await manager.save(contract);
      await publish(createEvent(CAPE_RENEWED_V1, contract.siteId, changed(contract), contract.updatedAt));
      return contract.toContract(today);
    });
  }

  terminate(request: TerminateCapeContractRequest): Promise<CapeContract> {
    const today = todayInFrance();
    return this.unitOfWork.run(async ({ manager, publish }) => {
      const contract = await this.find(manager, request.siteId, request.contractId);
      assertNotErased(await this.members.find(siteIdOf(contract.siteId), contract.memberId, { lock: true }, manager));
      Object.assign(contract, terminateCapeContract(contract.state(), request.on, request.reason, today), { updatedAt: new Date() });
      await manager.save(contract);
      await publish(createEvent(CAPE_TERMINATED_V1, contract.siteId, { ...changed(contract), reason: contract.terminationReason ?? '' }, contract.updatedAt));
      return contract.toContract(today);
    });
  }

  async list(request: ListCapeContractsRequest): Promise<CapeContractPage> {
    const today = todayInFrance();
    const query = this.dataSource.getRepository(CapeContractEntity).createQueryBuilder('c').where('c.siteId = :siteId', { siteId: request.siteId });
    if (request.memberId) query.andWhere('c.memberId = :memberId', { memberId: request.memberId });
    const page = await keysetPage(query, request);
    const items = page.items.map((contract) => contract.toContract(today));
    // The status follows the dates: filtered after computing it (a site has tens of contracts, not thousands).
    return { items: request.status ? items.filter((item) => item.status === request.status) : items, nextCursor: page.nextCursor };
  }

  /** A contract of another site does not exist for this site. */
  private async find(manager: EntityManager, siteId: string, contractId: string): Promise<CapeContractEntity> {
    const contract = await manager.findOne(CapeContractEntity, { where: { id: contractId, siteId }, lock: { mode: 'pessimistic_write' } });
    if (!contract) throw new DomainError('CAPE_CONTRACT_NOT_FOUND', `No CAPE contract with id ${contractId} on this site.`, { contractId });
    return contract;
  }
}
