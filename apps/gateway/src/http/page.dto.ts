import { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Page } from '@kpa/contracts';

/** The fields of every list answer, documented for one item DTO: `class XPageDto extends PageDto(XDto) implements XPage {}`. */
export function PageDto<TItem>(item: Type<TItem>): Type<Page<TItem>> {
  class PageOfItems implements Page<TItem> {
    @ApiProperty({ type: [item] }) items: TItem[];
    @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  }
  return PageOfItems;
}
