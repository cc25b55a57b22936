export { cutsAnswer } from './cuts.js';
export { quoteAnswer } from './quotes.js';
export { figuresAnswer } from './figures.js';
export { searchAnswer } from './search.js';
export { sourcesAnswer } from './sources.js';
export { consultationsAnswer } from './consultations.js';
export { answerQuestion, findQuestion, helpAnswer, HELP, QUESTIONS, styleOf, type Question, type QuestionOption } from './catalogue.js';
export { autocompletePlaces, autocompleteSpeakersOrTopics } from './autocomplete.js';
export type { Answer, AnswerLine, AnswerSection, Citation, Choice } from './types.js';
