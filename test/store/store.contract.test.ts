/** The Store contract against every adapter and fake in test/store/storeAdapters.ts. */
import { describeStoreContract } from './storeContract';
import { removeTemporaryDirectories, STORE_ADAPTERS } from './storeAdapters';

afterAll(() => {
  removeTemporaryDirectories();
});

for (const adapter of STORE_ADAPTERS) {
  describeStoreContract(adapter.name, adapter.open, { propertyRuns: adapter.propertyRuns });
}
