import type { ControlElement } from '@jsonforms/core';
import { rendererProps } from '@jsonforms/vue';
import { defineComponent, h } from 'vue';
import InputControl from './InputControl.vue';
import type { InputKind } from './input-kind.ts';

/** A JSON Forms renderer for one kind of one-line input. */
export function inputRenderer(kind: InputKind) {
  return defineComponent({
    name: `Input-${kind.type}${kind.affix ?? ''}`,
    props: rendererProps<ControlElement>(),
    setup: (props) => () => h(InputControl, { ...props, kind }),
  });
}
