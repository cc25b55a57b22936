/** Files larger than this are refused: an article is a few KB, so a huge file is a mistake or an attack. */
export const MAX_FILE_BYTES = 256 * 1024;

/** The problem message for a file over the limit. */
export const tooLargeMessage = (bytes: number) => `is ${Math.round(bytes / 1024)} KB; a knowledge file may be at most ${MAX_FILE_BYTES / 1024} KB`;
