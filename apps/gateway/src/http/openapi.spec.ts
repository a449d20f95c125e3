import { withNullableEnums } from './openapi';

describe('the OpenAPI document', () => {
  it('lists null among the values of a nullable enum, at any depth, once', () => {
    const document = {
      components: {
        schemas: {
          JourneyDto: { properties: { nextPath: { type: 'string', enum: ['employment', 'training'], nullable: true }, stage: { type: 'string', enum: ['immersion'] } } },
          Page: { properties: { items: { type: 'array', items: { enum: ['a', null], nullable: true } } } },
        },
      },
    };
    const fixed = withNullableEnums(document);
    expect(fixed.components.schemas.JourneyDto.properties.nextPath.enum).toEqual(['employment', 'training', null]);
    expect(fixed.components.schemas.JourneyDto.properties.stage.enum).toEqual(['immersion']);
    expect(fixed.components.schemas.Page.properties.items.items.enum).toEqual(['a', null]);
  });
});
