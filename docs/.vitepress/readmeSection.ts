/**
 * The part of a Markdown document under the level-2 heading `heading`, up to the next level-2
 * heading, without the heading line itself. Throws when the heading is missing, so that a renamed
 * README section fails the docs build instead of silently showing the wrong text.
 */
export function readmeSection(markdown: string, heading: string): string {
  const lines = markdown.split(/\r?\n/)
  let inFence = false
  let start = -1
  let end = lines.length
  for (const [index, line] of lines.entries()) {
    // `## ` inside a code block is not a heading.
    if (/^(```|~~~)/.test(line)) inFence = !inFence
    if (inFence || !line.startsWith('## ')) continue
    if (start >= 0) {
      end = index
      break
    }
    if (line.slice(3).trim() === heading) start = index + 1
  }
  if (start < 0) throw new Error(`No "## ${heading}" section in the Markdown document.`)
  return lines.slice(start, end).join('\n').trim()
}
