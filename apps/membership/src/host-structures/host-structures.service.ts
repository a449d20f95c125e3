import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  CreateHostStructureRequest,
  DomainError,
  HOST_STRUCTURE_CREATED_V1,
  HOST_STRUCTURE_UPDATED_V1,
  HostStructure,
  HostStructurePage,
  ListHostStructuresRequest,
  UpdateHostStructureRequest,
} from '@kpa/contracts';
import { createEvent, keysetPage, UnitOfWork } from '@kpa/platform';
import { changedHostStructure, hostStructureData } from './host-structure';
import { HostStructureEntity } from './host-structure.entity';

function eventData(entity: HostStructureEntity) {
  const { createdAt: _createdAt, ...data } = entity.toContract();
  return data;
}

@Injectable()
export class HostStructuresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async create(request: CreateHostStructureRequest): Promise<HostStructure> {
    const input = hostStructureData(request);
    const now = new Date();
    const entity = Object.assign(new HostStructureEntity(), { id: uuidv7(), ...input, createdAt: now, updatedAt: now });
    await this.withUniqueSiret(input.siret, () =>
      this.unitOfWork.run(async ({ manager, publish }) => {
        await manager.insert(HostStructureEntity, entity);
        await publish(createEvent(HOST_STRUCTURE_CREATED_V1, null, eventData(entity), now));
      }),
    );
    return entity.toContract();
  }

  /** A change of legal identity is published: commerce prints it on the next documents. */
  async update({ hostStructureId, ...changes }: UpdateHostStructureRequest): Promise<HostStructure> {
    return this.withUniqueSiret(changes.siret ?? '', () =>
      this.unitOfWork.run(async ({ manager, publish }) => {
        const entity = await this.find(manager, hostStructureId, true);
        Object.assign(entity, changedHostStructure(entity.data(), changes), { updatedAt: new Date() });
        await manager.save(entity);
        await publish(createEvent(HOST_STRUCTURE_UPDATED_V1, null, eventData(entity), entity.updatedAt));
        return entity.toContract();
      }),
    );
  }

  async get(hostStructureId: string): Promise<HostStructure> {
    return (await this.find(this.dataSource.manager, hostStructureId)).toContract();
  }

  async list(request: ListHostStructuresRequest): Promise<HostStructurePage> {
    const page = await keysetPage(this.dataSource.getRepository(HostStructureEntity).createQueryBuilder('h'), request);
    return { items: page.items.map((e) => e.toContract()), nextCursor: page.nextCursor };
  }

  private async find(manager: EntityManager, hostStructureId: string, lock = false): Promise<HostStructureEntity> {
    const entity = await manager.findOne(HostStructureEntity, { where: { id: hostStructureId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!entity) throw new DomainError('HOST_STRUCTURE_NOT_FOUND', `No host structure with id ${hostStructureId}.`, { hostStructureId });
    return entity;
  }

  /** One host structure per SIRET: a second one is refused with the existing one's id. */
  private async withUniqueSiret<T>(siret: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        const existing = await this.dataSource.getRepository(HostStructureEntity).findOneBy({ siret: siret.replace(/[\s.-]/g, '') });
        throw new DomainError('HOST_STRUCTURE_SIRET_TAKEN', `A host structure with SIRET ${siret} already exists: use it (details.existingId).`, {
          field: 'siret',
          existingId: existing?.id,
        });
      }
      throw error;
    }
  }
}
