import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12 §1–2: the sites' public profiles and their status history, the members' read model
 * (first name and last initial only) and the skill pool, with the indexes the region-wide
 * searches need (bench/network.js: 1,000 sites, 50,000 pooled skills).
 */
export class DirectoryAndSkills1767100000000 implements MigrationInterface {
  name = 'DirectoryAndSkills1767100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Filled by the launches feature (setLaunchStage), null for a site not on a launch path.
    await queryRunner.query('ALTER TABLE networking.directory_site ADD COLUMN launch_stage text NULL');
    await queryRunner.query(`
      CREATE TABLE networking.site_status_change (
        site_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('status', 'launch_stage')),
        value text NULL,
        changed_at timestamptz NOT NULL,
        PRIMARY KEY (site_id, kind, changed_at)
      )`);
    // Edited by the site's coordinators; a site without a row has published nothing.
    await queryRunner.query(`
      CREATE TABLE networking.site_profile (
        site_id uuid PRIMARY KEY,
        presentation text NOT NULL CHECK (length(presentation) <= 1000),
        poles jsonb NOT NULL,
        offers jsonb NOT NULL,
        contact_email text NULL,
        latitude double precision NULL CHECK (latitude BETWEEN -90 AND 90),
        longitude double precision NULL CHECK (longitude BETWEEN -180 AND 180),
        opening_hours text NULL,
        published boolean NOT NULL,
        -- Derived on save, for the filters: folded pole names, offer kinds, folded searchable text.
        pole_keys text[] NOT NULL,
        offer_kinds text[] NOT NULL,
        search_text text NOT NULL,
        updated_at timestamptz NOT NULL,
        updated_by text NOT NULL,
        CHECK ((latitude IS NULL) = (longitude IS NULL))
      )`);
    await queryRunner.query('CREATE INDEX site_profile_position ON networking.site_profile (latitude, longitude) WHERE latitude IS NOT NULL');
    // Membership's members, as much as the pools may show: first name, initial, site, minor until.
    await queryRunner.query(`
      CREATE TABLE networking.known_member (
        id uuid PRIMARY KEY,
        site_id uuid NOT NULL,
        first_name text NOT NULL,
        last_initial text NOT NULL,
        adult_on date NULL,
        active boolean NOT NULL,
        erased boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX known_member_site ON networking.known_member (site_id) WHERE active AND NOT erased');
    // Someone listed in a site's pool: a member by their own choice, or a team person a coordinator added.
    await queryRunner.query(`
      CREATE TABLE networking.pool_person (
        id uuid PRIMARY KEY,
        site_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('member', 'team')),
        member_id uuid NULL UNIQUE,
        role text NULL,
        first_name text NULL,
        last_initial text NULL,
        visible boolean NOT NULL,
        availability text NOT NULL,
        note text NULL,
        updated_at timestamptz NOT NULL,
        CHECK ((kind = 'member') = (member_id IS NOT NULL)),
        CHECK (kind = 'member' OR (first_name IS NOT NULL AND last_initial IS NOT NULL))
      )`);
    await queryRunner.query('CREATE INDEX pool_person_site ON networking.pool_person (site_id)');
    // The search reads this table alone: what it shows of the person and whether they are listed
    // are copied onto each skill on every change of the person or of the member (refreshListing).
    await queryRunner.query(`
      CREATE TABLE networking.pool_skill (
        person_id uuid NOT NULL REFERENCES networking.pool_person (id) ON DELETE CASCADE,
        skill_key text NOT NULL,
        name text NOT NULL,
        level text NOT NULL,
        level_rank smallint NOT NULL,
        site_id uuid NOT NULL,
        listed boolean NOT NULL DEFAULT false,
        first_name text NOT NULL DEFAULT '',
        last_initial text NOT NULL DEFAULT '',
        availability text NOT NULL DEFAULT 'unavailable',
        minor_until date NULL,
        PRIMARY KEY (person_id, skill_key)
      )`);
    // Covering: a search counts per (skill, site) from the index alone (index-only scan), then
    // reads the first people of each site shown in level order (bench/network.js: 3 ms for 1,200 rows).
    await queryRunner.query(
      'CREATE INDEX pool_skill_listed ON networking.pool_skill (skill_key, site_id, level_rank DESC, person_id) INCLUDE (minor_until, availability) WHERE listed',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE networking.pool_skill');
    await queryRunner.query('DROP TABLE networking.pool_person');
    await queryRunner.query('DROP TABLE networking.known_member');
    await queryRunner.query('DROP TABLE networking.site_profile');
    await queryRunner.query('DROP TABLE networking.site_status_change');
    await queryRunner.query('ALTER TABLE networking.directory_site DROP COLUMN launch_stage');
  }
}
