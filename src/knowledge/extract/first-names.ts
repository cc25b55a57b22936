/**
 * Common first names in UK news that are almost always one gender. They never choose a speaker and never
 * give anyone a gender: they only stop a pronoun from going, with confidence, to someone whose first name a
 * reader would take for the other gender ("She added:" straight after "Tom Hale said"). Names used for
 * both (Sam, Jo, Alex, Chris, Charlie, Jamie, Nicky, Lee, Robin, Kim…) are in neither list.
 */
import type { Gender } from './words.js';

const WOMEN = `Abigail Aisha Alice Alison Amanda Amy Andrea Angela Ann Anna Anne Annie Aoife Barbara Becky Beth Bethan
Bethany Brenda Carol Caroline Carolyn Catherine Cathy Charlotte Cheryl Chloe Christine Claire Clare Danielle Dawn Debbie
Deborah Denise Diane Donna Dorothy Eileen Elaine Eleanor Elizabeth Ella Ellie Emily Emma Fatima Fiona Frances Gemma
Georgia Gillian Grace Hannah Harriet Hazel Heather Helen Holly Irene Isabel Jackie Jacqueline Jade Jane Janet Janice
Jean Jennifer Jenny Jessica Jill Joan Joanne Josephine Judith Julia Julie Karen Kate Kathleen Kathryn Kathy Katherine
Katie Kelly Kerry Kirsty Laura Lauren Leanne Lesley Linda Lisa Liz Lorraine Louise Lucy Lynn Mairi Mandy Margaret
Maria Marie Marion Mary Maureen Megan Melanie Michelle Morag Natalie Natasha Niamh Nicola Nina Olivia Pamela Patricia
Paula Pauline Penny Priya Rachel Rebecca Rhian Rose Rosemary Ruth Sally Samantha Sarah Sharon Sheila Shirley Sian
Siobhan Sonia Sophie Stephanie Sue Susan Suzanne Tina Tracey Tracy Valerie Vanessa Victoria Wendy Yvonne Zoe`;

const MEN = `Adam Ahmed Alan Albert Alfred Alistair Allan Andrew Andy Angus Anthony Arthur Barry Ben Benjamin Bernard Bill Bob
Brian Callum Carl Charles Ciaran Clive Colin Connor Craig Dafydd Daniel Darren Dave David Dean Declan Dennis Derek
Dominic Donald Douglas Duncan Edward Eric Euan Frank Fred Gareth Gary Geoffrey George Gordon Graham Greg Gregory Harold
Harry Henry Howard Hugh Huw Iain Ian Imran Jack Jake James Jason Jeff Jeremy Jim John Jon Jonathan Joseph Joshua Keith
Ken Kenneth Kevin Kieran Leonard Lewis Liam Luke Malcolm Marcus Mark Martin Martyn Matt Matthew Michael Mike Mohammed
Muhammad Nathan Neil Nicholas Nick Nigel Norman Oliver Omar Owen Patrick Paul Pete Peter Phil Philip Raymond Rhys Richard
Rob Robert Roger Ronald Rory Ross Roy Russell Ryan Samuel Scott Sean Shaun Simon Stanley Stephen Steve Steven Stewart
Stuart Thomas Tim Timothy Toby Tom Tony Trevor Victor Vincent Walter Wayne William`;

const BY_NAME = new Map<string, Gender>([
  ...WOMEN.split(/\s+/).map((n): [string, Gender] => [n, 'f']),
  ...MEN.split(/\s+/).map((n): [string, Gender] => [n, 'm']),
]);

/** The gender a reader would take a full name's first name for, or null (unknown, shared, or no first name). */
export function firstNameGender(name: string | null): Gender | null {
  if (!name || !name.includes(' ')) return null;
  return BY_NAME.get(name.split(' ')[0]!) ?? null;
}
