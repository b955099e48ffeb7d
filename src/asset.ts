/** A file of a built deck: copied from a file, or written from content. */
export interface Asset {
  /** Path inside the deck's output folder. */
  to: string;
  /** File to copy, or content to write. */
  from?: string;
  content?: string;
}
