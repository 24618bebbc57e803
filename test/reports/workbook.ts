import type ExcelJS from 'exceljs';

/** exceljs reads a number with a time format back as a Date; this is the number stored in the file. */
export function excelNumber(cell: ExcelJS.Cell): number {
  const value = cell.value;
  if (value instanceof Date) return (value.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;
  return value as number;
}

/** exceljs reads conditional formats back but does not declare them on Worksheet. */
export function conditionalFormats(sheet: ExcelJS.Worksheet): ExcelJS.ConditionalFormattingOptions[] {
  return (sheet as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;
}
