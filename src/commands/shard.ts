import { createHash } from 'node:crypto';
import path from 'node:path';
import { UsageError } from '../errors.js';

export interface Shard {
  /** 1-based: this job's share. */
  index: number;
  /** How many jobs share the decks. */
  count: number;
}

/** "2/4" → { index: 2, count: 4 }. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard takes i/n with 1 ≤ i ≤ n, e.g. --shard 2/4 (the second of four jobs), not "${text}"`);
  }
  return { index, count };
}

/**
 * The share of one job among `count`: a deck belongs to the shard its folder name hashes to.
 * The shards are disjoint and together hold every deck, whatever order the decks are listed
 * in; a deck never moves when others are added or removed, so each CI job keeps its cached
 * build state. Decks with the same folder name (in different parents) go to the same shard,
 * as they share a build folder.
 */
export function shardOf<T extends string>(deckDirs: readonly T[], shard: Shard): T[] {
  return deckDirs.filter((dir) => shardNumber(path.basename(path.resolve(dir)), shard.count) === shard.index);
}

/** 1-based shard of a deck name: the first 48 bits of its SHA-256, modulo the count. */
export function shardNumber(name: string, count: number): number {
  const digest = createHash('sha256').update(name, 'utf8').digest();
  return (digest.readUIntBE(0, 6) % count) + 1;
}
