import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, EntitySchema, MixedList } from 'typeorm';
import { ServiceConfig } from '../config/config';
import { dataSourceOptions, migrate } from './database';

export interface DatabaseModuleOptions {
  schema: string;
  entities: MixedList<Function | string | EntitySchema>;
  migrations: Function[];
}

/** TypeORM on the service's own schema, migrated (under an advisory lock) before anything uses it. */
@Module({})
export class DatabaseModule {
  static forService(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [ServiceConfig],
          useFactory: (config: ServiceConfig) => dataSourceOptions({ url: config.DATABASE_URL, ...options }),
          dataSourceFactory: async (typeormOptions) => {
            const dataSource = await new DataSource(typeormOptions!).initialize();
            await migrate(dataSource, options.schema);
            return dataSource;
          },
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
