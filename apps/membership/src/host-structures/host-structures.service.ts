import { Injectable } from '@nestjs/common';
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
import { createEvent, UnitOfWork } from '@kpa/platform';
import { changedHostStructure, hostStructureData } from './host-structure';
import { HostStructureEntity } from './host-structure.entity';
import { HostStructureRepository } from './host-structure.repository';

function eventData(entity: HostStructureEntity) {
  const { createdAt: _createdAt, ...data } = entity.toContract();
  return data;
}

@Injectable()
export class HostStructuresService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly hostStructures: HostStructureRepository,
  ) {}

  async create(request: CreateHostStructureRequest): Promise<HostStructure> {
    const input = hostStructureData(request);
    const now = new Date();
    const entity = Object.assign(new HostStructureEntity(), { id: uuidv7(), ...input, createdAt: now, updatedAt: now });
    // The answer is the unit of work's result: under an idempotency key, it is what a retry gets back.
    return this.withUniqueSiret(input.siret, () =>
      this.unitOfWork.run(async ({ manager, publish }) => {
        await this.hostStructures.insert(entity, manager);
        await publish(createEvent(HOST_STRUCTURE_CREATED_V1, null, eventData(entity), now));
        return entity.toContract();
      }),
    );
  }

  /** A change of legal identity is published: commerce prints it on the next documents. */
  async update({ hostStructureId, ...changes }: UpdateHostStructureRequest): Promise<HostStructure> {
    return this.withUniqueSiret(changes.siret ?? '', () =>
      this.unitOfWork.run(async ({ manager, publish }) => {
        const entity = await this.hostStructures.find(hostStructureId, { lock: true }, manager);
        Object.assign(entity, changedHostStructure(entity.data(), changes), { updatedAt: new Date() });
        await this.hostStructures.save(entity, manager);
        await publish(createEvent(HOST_STRUCTURE_UPDATED_V1, null, eventData(entity), entity.updatedAt));
        return entity.toContract();
      }),
    );
  }

  async get(hostStructureId: string): Promise<HostStructure> {
    return (await this.hostStructures.find(hostStructureId)).toContract();
  }

  async list(request: ListHostStructuresRequest): Promise<HostStructurePage> {
    const page = await this.hostStructures.page(request);
    return { items: page.items.map((e) => e.toContract()), nextCursor: page.nextCursor };
  }

  /** One host structure per SIRET: a second one is refused with the existing one's id. */
  private async withUniqueSiret<T>(siret: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (this.hostStructures.isDuplicate(error)) {
        const existingId = await this.hostStructures.idOfSiret(siret);
        throw new DomainError('HOST_STRUCTURE_SIRET_TAKEN', `A host structure with SIRET ${siret} already exists: use it (details.existingId).`, {
          field: 'siret',
          existingId,
        });
      }
      throw error;
    }
  }
}
