module.exports = async function globalTeardown() {
  for (const container of globalThis.__KPA_CONTAINERS__ ?? []) await container.stop();
};
