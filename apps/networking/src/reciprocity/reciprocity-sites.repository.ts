import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface ReciprocitySite {
  id: string;
  name: string;
  hostStructureId: string | null;
}

/**
 * The sites as help requests and the ledger need them: name and host structure (to tell an
 * internal transfer from a settlement between two structures). Kept from membership's site
 * events, newest wins.
 */
@Injectable()
export class ReciprocitySitesRepository {
  async upsert(manager: EntityManager, site: ReciprocitySite, updatedAt: string): Promise<void> {
    await manager.query(
      `INSERT INTO networking.reciprocity_site (id, name, host_structure_id, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET name = $2, host_structure_id = $3, updated_at = $4
       WHERE networking.reciprocity_site.updated_at <= $4`,
      [site.id, site.name, site.hostStructureId, updatedAt],
    );
  }

  async byIds(manager: EntityManager, ids: string[]): Promise<Map<string, ReciprocitySite>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; name: string; host_structure_id: string | null }[] = await manager.query(
      'SELECT id, name, host_structure_id FROM networking.reciprocity_site WHERE id = ANY($1::uuid[])',
      [[...new Set(ids)]],
    );
    return new Map(rows.map((row) => [row.id, { id: row.id, name: row.name, hostStructureId: row.host_structure_id }]));
  }

  async all(manager: EntityManager): Promise<ReciprocitySite[]> {
    const rows: { id: string; name: string; host_structure_id: string | null }[] = await manager.query(
      'SELECT id, name, host_structure_id FROM networking.reciprocity_site ORDER BY name, id',
    );
    return rows.map((row) => ({ id: row.id, name: row.name, hostStructureId: row.host_structure_id }));
  }
}
