import { describe, expect, it } from 'vitest'
import { visibleLabels } from '../src/features/map/labelCollision'
import { classIndex, withTargetBreak } from '../src/features/map/colorScale'

describe('label collision', () => {
  const box = (id: string, x: number, y: number, priority: number) => ({ id, x, y, width: 40, height: 14, priority })
  it('keeps the more populous of two overlapping labels and every label that is clear', () => {
    // A (45,210) and B (30,500) overlap by 20 px; C is 100 px away from both.
    const shown = visibleLabels([box('B', 20, 0, 30500), box('A', 0, 0, 45210), box('C', 160, 0, 8900)])
    expect([...shown].sort()).toEqual(['A', 'C'])
  })
  it('a label hidden by a hidden label shows again (the greedy order, not pairwise removal)', () => {
    // A hides B; B would have hidden C, but B is not shown, so C is.
    const shown = visibleLabels([box('A', 0, 0, 3), box('B', 30, 0, 2), box('C', 60, 0, 1)])
    expect([...shown].sort()).toEqual(['A', 'C'])
  })
  it('after a zoom that doubles the distances every label fits', () => {
    const shown = visibleLabels([box('A', 0, 0, 3), box('B', 60, 0, 2), box('C', 120, 0, 1)])
    expect(shown.size).toBe(3)
  })
  it('boxes 1 px apart collide within the 2 px gap, 3 px apart do not', () => {
    expect(visibleLabels([box('A', 0, 0, 2), box('B', 41, 0, 1)]).size).toBe(1)
    expect(visibleLabels([box('A', 0, 0, 2), box('B', 43, 0, 1)]).size).toBe(2)
  })
})

describe('legend with the target as a break', () => {
  it('moves the nearest interior edge onto the 4.5‰ target: 3.25–6.49 no longer straddles it', () => {
    // Equal intervals from 0 to 16.25 in 5 classes: 0, 3.25, 6.5, 9.75, 13, 16.25.
    const s = withTargetBreak({ edges: [0, 3.25, 6.5, 9.75, 13, 16.25], colors: ['a', 'b', 'c', 'd', 'e'] }, 4.5)
    expect(s.edges).toEqual([0, 4.5, 6.5, 9.75, 13, 16.25])
    expect(classIndex(4.49, s.edges)).toBe(0)
    expect(classIndex(4.5, s.edges)).toBe(1)
  })
  it('a target outside the values leaves the classes alone', () => {
    const s = { edges: [0.5, 0.6, 0.7], colors: ['a', 'b'] }
    expect(withTargetBreak(s, 0.73)).toBe(s)
    expect(withTargetBreak(s, null)).toBe(s)
  })
})
