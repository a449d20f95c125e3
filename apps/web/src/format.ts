/** French figures and dates from @kpa/contracts' pure module (the same the PDFs and e-mails use). */
export { frenchAmount, frenchNumber, frenchShortDate, frenchLongDate } from '@kpa/contracts/french-format';
