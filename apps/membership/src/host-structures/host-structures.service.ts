import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  CreateHostStructureRequest,
  DomainError,
  HOST_STRUCTURE_CREATED_V1,
  HostStructure,
  HostStructurePage,
  ListHostStructuresRequest,
} from '@kpa/contracts';
import { createEvent, keysetPage, UnitOfWork } from '@kpa/platform';
import { newHostStructure } from './host-structure';
import { HostStructureEntity } from './host-structure.entity';

@Injectable()
export class HostStructuresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async create(request: CreateHostStructureRequest): Promise<HostStructure> {
    const input = newHostStructure(request);
    const now = new Date();
    const entity = Object.assign(new HostStructureEntity(), { id: uuidv7(), ...input, createdAt: now, updatedAt: now });
    await this.unitOfWork.run(async ({ manager, publish }) => {
      const existing = await manager.findOneBy(HostStructureEntity, { siret: input.siret });
      if (existing) {
        throw new DomainError('HOST_STRUCTURE_SIRET_TAKEN', `A host structure with SIRET ${input.siret} already exists: use it (details.existingId).`, {
          field: 'siret',
          existingId: existing.id,
        });
      }
      await manager.insert(HostStructureEntity, entity);
      const { createdAt: _createdAt, ...data } = entity.toContract();
      await publish(createEvent(HOST_STRUCTURE_CREATED_V1, null, data, now));
    });
    return entity.toContract();
  }

  async get(hostStructureId: string): Promise<HostStructure> {
    const entity = await this.dataSource.getRepository(HostStructureEntity).findOneBy({ id: hostStructureId });
    if (!entity) throw new DomainError('HOST_STRUCTURE_NOT_FOUND', `No host structure with id ${hostStructureId}.`, { hostStructureId });
    return entity.toContract();
  }

  async list(request: ListHostStructuresRequest): Promise<HostStructurePage> {
    const page = await keysetPage(this.dataSource.getRepository(HostStructureEntity).createQueryBuilder('h'), request);
    return { items: page.items.map((e) => e.toContract()), nextCursor: page.nextCursor };
  }
}
