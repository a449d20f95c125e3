import { Injectable } from '@nestjs/common';
import { ObjectStore, Objm, StorageType } from '@nats-io/obj';
import { NatsClient } from './nats';

/** `<namespace>_<suffix>`: each deployment (and each test file) has its own buckets. */
export function objectStoreBucket(namespace: string, suffix: string): string {
  return `${namespace}_${suffix}`;
}

/**
 * JetStream object stores (files too big for a NATS message: JetStream keeps them in 128 KiB
 * chunks), bucket `<namespace>_<suffix>`, suffixes in OBJECT_STORES. File storage and no TTL:
 * an object stays until it is deleted (receipts are accounting documents, kept 10 years), and the
 * bucket lives in the NATS data directory, to be backed up with it. Each bucket is created on
 * first use and opened once per process.
 */
@Injectable()
export class ObjectStores {
  private readonly opened = new Map<string, Promise<ObjectStore>>();

  constructor(private readonly nats: NatsClient) {}

  open(suffix: string): Promise<ObjectStore> {
    let store = this.opened.get(suffix);
    if (!store) {
      store = this.nats
        .jetstream()
        .then((js) => new Objm(js).create(objectStoreBucket(this.nats.namespace, suffix), { storage: StorageType.File, replicas: 1, description: `KPA ${suffix}` }));
      // A failure (NATS down) is not remembered: the next call tries again.
      store.catch(() => this.opened.delete(suffix));
      this.opened.set(suffix, store);
    }
    return store;
  }
}
