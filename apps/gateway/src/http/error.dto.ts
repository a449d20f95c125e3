import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_CODES } from '@kpa/contracts';

export class ErrorDto {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ enum: ERROR_CODES, example: 'VALIDATION_FAILED', description: 'Stable code: never renamed.' }) code: string;
  @ApiProperty({ example: 'property colour should not exist' }) message: string;
  @ApiPropertyOptional({ description: 'Machine-readable context: fields, ids, retryAfterSeconds…', type: Object }) details?: unknown;
}
