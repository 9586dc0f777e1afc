export default async function globalTeardown() {
  await globalThis.__POSTUREBOARD_EMBEDDED__?.stop();
}
