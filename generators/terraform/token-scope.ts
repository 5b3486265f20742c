// cdktf keeps every token it ever issues (each attribute reference: `vpn.id`, a remote state
// output) in one process-wide map, and each token holds the construct it refers to. Nothing built
// is ever freed: at 10,000 sites that is every stack's construct tree, about 70 KB a site stack.
// A stack that only reads from others (a site, a trunk) is built and rendered inside a scope;
// the tokens issued there are looked up only while rendering that stack, and leaving the scope
// forgets them. Should one be looked up later all the same, cdktf fails loudly on the unknown
// token: output cannot silently change.
import { TokenMap } from './cdk.js';

interface TokenStore {
  stringTokenMap: Map<string, unknown>;
  numberTokenMap: Map<number, unknown>;
}

/** A map whose entries are its own on top of a base map it reads through but never writes. */
class Layer<K, V> extends Map<K, V> {
  constructor(private readonly base: Map<K, V>) {
    super();
  }
  override get(key: K): V | undefined {
    return super.has(key) ? super.get(key) : this.base.get(key);
  }
  override has(key: K): boolean {
    return super.has(key) || this.base.has(key);
  }
}

/** Runs `fn`; tokens cdktf issues meanwhile are forgotten afterwards. */
export function withTokenScope<T>(fn: () => T): T {
  const store = TokenMap.instance() as unknown as TokenStore;
  const { stringTokenMap, numberTokenMap } = store;
  store.stringTokenMap = new Layer(stringTokenMap);
  store.numberTokenMap = new Layer(numberTokenMap);
  try {
    return fn();
  } finally {
    store.stringTokenMap = stringTokenMap;
    store.numberTokenMap = numberTokenMap;
  }
}
