import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { HostLogo, LogoContentType } from '@kpa/contracts';
import { LogoFacts } from './host-logo';

interface LogoRow {
  host_structure_id: string;
  sha256: string;
  content_type: LogoContentType;
  size: number;
  width: number;
  height: number;
  updated_at: Date;
}

function logoOf(row: LogoRow): HostLogo {
  return {
    hostStructureId: row.host_structure_id,
    sha256: row.sha256,
    contentType: row.content_type,
    size: Number(row.size),
    width: row.width,
    height: row.height,
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * The logos of host structures (`logo_file`: bytes by SHA-256, append-only; `host_logo`: the current
 * one of each host). Regional, like the seller read model: no site here. Stateless: every method runs
 * on the manager it is given.
 */
@Injectable()
export class HostLogoRepository {
  /** Stores the bytes under their hash; the same file stored twice is one row. */
  async storeFile(manager: EntityManager, sha256: string, facts: LogoFacts, bytes: Buffer): Promise<void> {
    await manager.query(
      `INSERT INTO commerce.logo_file (sha256, content_type, width, height, bytes) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (sha256) DO NOTHING`,
      [sha256, facts.contentType, facts.width, facts.height, bytes],
    );
  }

  async setCurrent(manager: EntityManager, hostStructureId: string, sha256: string, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO commerce.host_logo (host_structure_id, sha256, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (host_structure_id) DO UPDATE SET sha256 = $2, updated_at = $3`,
      [hostStructureId, sha256, at],
    );
  }

  /** The host's current logo, or null; with its bytes when asked. */
  async current(manager: EntityManager, hostStructureId: string, withBytes = false): Promise<(HostLogo & { bytes?: Buffer }) | null> {
    const rows: (LogoRow & { bytes?: Buffer })[] = await manager.query(
      `SELECT h.host_structure_id, h.sha256, f.content_type, octet_length(f.bytes) AS size, f.width, f.height, h.updated_at${withBytes ? ', f.bytes' : ''}
         FROM commerce.host_logo h JOIN commerce.logo_file f ON f.sha256 = h.sha256
        WHERE h.host_structure_id = $1`,
      [hostStructureId],
    );
    if (rows.length === 0) return null;
    return { ...logoOf(rows[0]), ...(withBytes ? { bytes: rows[0].bytes } : {}) };
  }

  /** The host no longer has a logo; its file stays, for the documents printed with it. True if there was one. */
  async removeCurrent(manager: EntityManager, hostStructureId: string): Promise<boolean> {
    const [, count]: [unknown, number] = await manager.query('DELETE FROM commerce.host_logo WHERE host_structure_id = $1', [hostStructureId]);
    return count > 0;
  }
}
