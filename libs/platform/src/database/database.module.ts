import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, EntitySchema, MixedList } from 'typeorm';
import { ServiceConfig } from '../config/config';
import { dataSourceOptions, migrate } from './database';
import { appDatabaseUrl, grantAppRole, siteScopedDataSource } from './row-security';

export interface DatabaseModuleOptions {
  schema: string;
  entities: MixedList<Function | string | EntitySchema>;
  migrations: Function[];
}

/**
 * TypeORM on the service's own schema: migrated first (under an advisory lock) by the owner of
 * DATABASE_URL, then used as the service's own role, held to row-level security (row-security.ts).
 */
@Module({})
export class DatabaseModule {
  static forService(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [ServiceConfig],
          useFactory: async (config: ServiceConfig) => {
            await migrateAsOwner(config, options);
            return dataSourceOptions({ url: appDatabaseUrl(config.DATABASE_URL, options.schema, config.DATABASE_APP_URL), ...options });
          },
          dataSourceFactory: async (typeormOptions) => siteScopedDataSource(typeormOptions!).initialize(),
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}

/** The migrations and the grants of the service's role, on a connection of the owner closed after. */
export async function migrateAsOwner(config: Pick<ServiceConfig, 'DATABASE_URL' | 'DATABASE_APP_URL'>, options: DatabaseModuleOptions): Promise<string[]> {
  const owner = await new DataSource(dataSourceOptions({ url: config.DATABASE_URL, ...options, poolSize: 2 })).initialize();
  try {
    const applied = await migrate(owner, options.schema);
    await grantAppRole(owner, options.schema, appDatabaseUrl(config.DATABASE_URL, options.schema, config.DATABASE_APP_URL));
    return applied;
  } finally {
    await owner.destroy();
  }
}
