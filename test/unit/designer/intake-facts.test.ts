import { caseValueText, type ValueWords } from '../../../designer/src/cases/case-values.js';
import { coordinates, intakeChannelOf } from '../../../designer/src/pages/hotline/intake-facts.js';

const words: ValueWords = { yes: '是', no: '否', label: (name) => name, unitName: () => undefined };

describe('the case page asks for a ticket\'s intake only when the case says it came in through 集中受理', () => {
  test('a ticket taken in (or its 重办, which inherits the mark) has a channel; a permit or a ticket from the matter\'s own endpoint has none', () => {
    expect(intakeChannelOf({ intakeChannel: 'phone', matter: { type: '诉求工单' } })).toBe('phone');
    expect(intakeChannelOf({ intakeChannel: 'window', reopenOf: 'a', reopenCount: 1 })).toBe('window');
    expect(intakeChannelOf({ matter: { type: '诉求工单' } })).toBeNull();
    expect(intakeChannelOf({ matter: { type: '行政许可' } })).toBeNull();
    // Anything else under that name is no mark (a form could write a variable of that name).
    expect(intakeChannelOf({ intakeChannel: 'fax' })).toBeNull();
    expect(intakeChannelOf({ intakeChannel: { channel: 'phone' } })).toBeNull();
    expect(intakeChannelOf(null)).toBeNull();
  });

  test('a location reads as degrees to four places; a missing one is none', () => {
    expect(coordinates(113.67, 22.82)).toEqual({ longitude: '113.6700', latitude: '22.8200' });
    expect(coordinates(null, 22.82)).toBeNull();
    expect(coordinates(Number.NaN, 22.82)).toBeNull();
  });

  test('the mark reads as the centre calls the channel in the case data, never as its code', () => {
    expect(caseValueText('intakeChannel', 'phone', words)).toBe('电话');
    expect(caseValueText('intakeChannel', 'app', words)).toBe('移动端（App）');
    expect(caseValueText('channel', 'phone', words)).toBe('phone');
  });
});
