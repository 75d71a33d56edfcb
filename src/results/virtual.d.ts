/** The item bank inlined by src/results/vite.config.ts at build time. */
declare module 'virtual:item-bank' {
  const bank: import('../lib/results/bank').ItemBank;
  export default bank;
}
