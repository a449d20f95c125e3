import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_CODES, ErrorCode } from '@kpa/contracts';
import { HttpErrorBody } from './http-error.filter';

export class ErrorDto implements HttpErrorBody {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ enum: ERROR_CODES, example: 'VALIDATION_FAILED', description: 'Stable code: never renamed.' }) code: ErrorCode;
  @ApiProperty({ example: 'property colour should not exist' }) message: string;
  @ApiPropertyOptional({ description: 'Machine-readable context: fields, ids, retryAfterSeconds…', type: Object }) details?: HttpErrorBody['details'];
}
