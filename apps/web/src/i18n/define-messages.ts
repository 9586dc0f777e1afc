/** One area's strings in both languages; the Korean side must carry exactly the English keys. */
export interface MessagePair<K extends string> {
  en: Record<K, string>;
  ko: Record<K, string>;
}

export function defineMessages<K extends string>(pair: { en: Record<K, string>; ko: Record<NoInfer<K>, string> }): MessagePair<K> {
  return pair;
}
