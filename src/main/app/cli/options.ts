// Parsers shared by the commands, so that a bad value is refused with a message naming the option.
import { InvalidArgumentError, type Command } from 'commander'
import { KABUPATEN_KODE } from '#shared/domain.ts'

export function intOption(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value)
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`harus bilangan bulat ${min}..${max}`)
    return n
  }
}

export function kabupatenOption(value: string): string {
  if (!KABUPATEN_KODE.test(value)) throw new InvalidArgumentError('kode kabupaten berbentuk NN.NN, mis. 64.08 (Kutai Timur) atau 21.03 (Natuna)')
  return value
}

/** --count and --kabupaten of a generated demo data set, as the benches that make one take them. */
export function demoSetOptions(cmd: Command, countHelp: string, minCount: number, defaultCount: number): Command {
  return cmd.option('--count <n>', countHelp, intOption(minCount), defaultCount).option('--kabupaten <kode>', 'kabupaten', kabupatenOption, '64.08')
}
